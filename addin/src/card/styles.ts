import { makeStyles, tokens } from "@fluentui/react-components";

/** The lead card's look, shared by its parts. */
export const useCardStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: "10px" },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "12px", rowGap: "4px", margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  toolbar: { flexWrap: "wrap", padding: 0, gap: "4px", marginLeft: "-6px" },
  action: { minWidth: "auto", paddingLeft: "6px", paddingRight: "6px" },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "10px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: "flex", gap: "6px", flexWrap: "wrap" },
  input: { minWidth: 0, width: "100%" },
  timeline: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  touch: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: "8px", borderLeft: `2px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px" },
  wide: { gridColumn: "1 / span 2" },
  muted: { color: tokens.colorNeutralForeground3 },
  inlineSpinner: { display: "inline-flex", verticalAlign: "middle", marginRight: "6px" },
});
