import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "end", whiteSpace: "nowrap" },
    "& th:first-child, & td:first-child": { textAlign: "start" },
    "& tfoot td, & tfoot th": { fontWeight: tokens.fontWeightSemibold },
  },
  scroll: { overflowX: "auto" },
});

export interface DataTableProps {
  id: string;
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  /** The totals row; its cells carry data-testid="<testId>-total-<column index>" so a reader (or a test) finds them. */
  footer?: (string | number)[];
  testId: string;
}

/** The figures behind a chart, as a real table: what a screen reader reads and what the chart's aria-describedby names. */
export function DataTable({ id, caption, columns, rows, footer, testId }: DataTableProps) {
  const styles = useStyles();
  const fmt = (v: string | number) => (typeof v === "number" ? v.toLocaleString() : v);
  return (
    // A table wider or longer than its card scrolls; the keyboard reaches it so it can be scrolled without a mouse.
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={caption}>
      <table id={id} className={styles.table} data-testid={testId}>
        <caption style={{ textAlign: "start", paddingBottom: 4 }}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row" style={{ fontWeight: "normal" }}>
                    {fmt(v)}
                  </th>
                ) : (
                  <td key={j}>{fmt(v)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              {footer.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {fmt(v)}
                  </th>
                ) : (
                  <td key={j} data-testid={`${testId}-total-${j}`} data-value={typeof v === "number" ? v : undefined}>
                    {fmt(v)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
