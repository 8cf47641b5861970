import { makeStyles, tokens } from "@fluentui/react-components";

/** The dashboard's look, shared by the page and its cards. */
export const useDashboardStyles = makeStyles({
  root: {
    padding: "16px 24px",
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  header: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "12px", flexWrap: "wrap" },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: "12px",
    alignItems: "flex-end",
    padding: "12px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 520px), 1fr))", gap: "16px" },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "12px 16px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  cardHeader: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: "8px", flexWrap: "wrap" },
  quiet: { color: tokens.colorNeutralForeground3 },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    gap: "16px",
    margin: 0,
    "& > div": { display: "flex", flexDirection: "column" },
    "& dt": { color: tokens.colorNeutralForeground3, textTransform: "capitalize" },
    "& dd": { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  },
  details: { "& summary": { cursor: "pointer", color: tokens.colorNeutralForeground2, padding: "4px 0" } },
});
