import type { ChartColors } from "./BarChart";
import type { ReportName, ReportQuery, ReportState } from "./reports";

/** What every report card gets from the page. */
export interface CardProps<N extends ReportName> {
  state: ReportState<N>;
  query: ReportQuery;
  colors: ChartColors;
}
