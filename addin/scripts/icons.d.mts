export declare const iconSizes: number[];
export declare function iconPng(size: number): Uint8Array;
export declare function iconPngs(): [string, Uint8Array][];
