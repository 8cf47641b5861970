import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartDataset } from "chart.js";

// Only what the dashboard draws: bar charts (stacked, grouped, horizontal) with a legend and tooltips.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartColors {
  text: string;
  grid: string;
}

export interface BarChartProps {
  /** Category labels; an array is drawn as lines (a rep's name over "auto-logged"). */
  labels: (string | string[])[];
  datasets: ChartDataset<"bar", number[]>[];
  colors: ChartColors;
  /** What the chart shows in one sentence, for screen readers; the table it describes is <paramref name="describedBy"/>. */
  label: string;
  describedBy: string;
  stacked?: boolean;
  horizontal?: boolean;
  legend?: boolean;
  /** Axis titles: what the categories are and what the bars count. */
  categoryTitle?: string;
  valueTitle?: string;
  testId: string;
}

export function BarChart(props: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, datasets, colors, stacked = false, horizontal = false, legend = true, categoryTitle, valueTitle } = props;

  useEffect(() => {
    const title = (text?: string) => ({ display: !!text, text: text ?? "", color: colors.text });
    const axis = { stacked, ticks: { color: colors.text }, grid: { color: colors.grid }, border: { color: colors.grid }, title: title(categoryTitle) };
    const value = { ...axis, beginAtZero: true, ticks: { color: colors.text, precision: 0 }, title: title(valueTitle) };
    const chart = new Chart(canvas.current!, {
      type: "bar",
      // A series with nothing in it only crowds the legend.
      data: { labels, datasets: datasets.filter((d) => d.data.some((v) => v !== 0)) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        // No animation: figures appear at once, screenshots are stable and reduced-motion users get nothing to switch off.
        animation: false,
        scales: horizontal ? { x: value, y: axis } : { x: axis, y: value },
        plugins: {
          legend: { display: legend, position: "bottom", labels: { color: colors.text, boxWidth: 12 } },
          tooltip: { mode: "index", intersect: false },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, datasets, colors, stacked, horizontal, legend, categoryTitle, valueTitle]);

  return (
    <div style={{ position: "relative", height: 280 }}>
      <canvas ref={canvas} role="img" aria-label={props.label} aria-describedby={props.describedBy} data-testid={props.testId} />
    </div>
  );
}

/** Colours that read on both Fluent themes (Fluent's shared palette), one per series in order. */
export const palette = ["#0f6cbd", "#e3008c", "#00b7c3", "#ca5010", "#8764b8", "#498205", "#c19c00", "#d13438", "#038387", "#5c2e91"];

export const paletteAt = (i: number) => palette[i % palette.length];
