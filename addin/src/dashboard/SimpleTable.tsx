import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "start", verticalAlign: "top" },
    "& thead th": { fontWeight: tokens.fontWeightSemibold },
  },
  scroll: { overflowX: "auto", maxHeight: "480px", overflowY: "auto" },
});

/** A plain list as a table with a caption and column headers: the console's lists. */
export function SimpleTable(props: { caption: string; columns: string[]; rows: ReactNode[][]; testId: string; empty?: string }) {
  const styles = useStyles();
  return (
    // A table wider or longer than its card scrolls; the keyboard reaches it so it can be scrolled without a mouse.
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={props.caption}>
      <table className={styles.table} data-testid={props.testId}>
        <caption style={{ textAlign: "start", paddingBottom: 4 }}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length}>{props.empty ?? "Nothing to show."}</td>
            </tr>
          ) : (
            props.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
