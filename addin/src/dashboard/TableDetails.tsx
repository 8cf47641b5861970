import type { ReactNode } from "react";
import { useDashboardStyles } from "./styles";

/** A chart's figures as a table, folded away below it. */
export function TableDetails({ children }: { children: ReactNode }) {
  const styles = useDashboardStyles();
  return (
    <details className={styles.details}>
      <summary>Show the figures as a table</summary>
      {children}
    </details>
  );
}
