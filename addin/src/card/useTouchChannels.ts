import { useEffect, useState } from "react";
import { touchChannels, type TouchChannel } from "../api";

export type TouchChannelsState = { status: "loading" } | { status: "ready"; channels: TouchChannel[] } | { status: "error"; message: string };

/** The server's channel table for a touch form; the pane asks once and every form after reads the same answer. */
export function useTouchChannels(): TouchChannelsState {
  const [state, setState] = useState<TouchChannelsState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    touchChannels().then(
      (channels) => live && setState({ status: "ready", channels }),
      (e) => live && setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
