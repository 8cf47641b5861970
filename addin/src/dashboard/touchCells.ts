import type { Touches } from "./reports";
import { repName } from "./labels";

export interface TouchCell {
  rep: string;
  channel: string;
  autoLogged: number;
  manual: number;
}

/** The report counts per bucket; the chart sums the period per rep and channel, auto-logged apart from manual. */
export function touchCells(data: Touches) {
  const cells = new Map<string, TouchCell>();
  for (const r of data.rows) {
    const key = `${repName(r)}\u0000${r.channel}`;
    const cell = cells.get(key) ?? { rep: repName(r), channel: r.channel, autoLogged: 0, manual: 0 };
    cell.autoLogged += r.autoLogged;
    cell.manual += r.manual;
    cells.set(key, cell);
  }
  const reps = [...new Set([...cells.values()].map((c) => c.rep))].sort((a, b) => a.localeCompare(b));
  const channels = [...new Set([...cells.values()].map((c) => c.channel))].sort();
  const rows = [...cells.values()].sort((a, b) => a.rep.localeCompare(b.rep) || a.channel.localeCompare(b.channel));
  const cell = (rep: string, channel: string) => cells.get(`${rep}\u0000${channel}`);
  return { reps, channels, rows, cell };
}
