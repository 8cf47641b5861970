import { useEffect, useId, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Spinner, Text } from "@fluentui/react-components";
import { saveText, toCsv } from "./csv";
import {
  choose, commitImport, dryRun, errorRows, importColumns, importProgress, mappedField,
  type DryRun, type ImportChoices, type ImportColumns, type ImportProgress,
} from "./imports";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

const formatNames: Record<ImportColumns["format"], string> = { csv: "CSV", xlsx: "Excel workbook", vCard: "vCard" };

/** Upload a spreadsheet or vCard file, see what the import would do row by row, then run it and watch it finish. */
export default function ImportPage() {
  const styles = useDashboardStyles();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<ImportColumns | null>(null);
  const [reading, setReading] = useState(false);
  // The file whose columns are awaited: a file picked meanwhile makes an earlier answer stale.
  const picked = useRef<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [source, setSource] = useState("");
  const [firstMetOn, setFirstMetOn] = useState("");
  const [preview, setPreview] = useState<DryRun | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choices = (): ImportChoices => ({ file: file!, source, firstMetOn, mapping });
  const reset = () => (setPreview(null), setLocation(null), setProgress(null), setError(null));

  async function pick(f: File | null) {
    reset();
    setFile(f);
    setMapping({});
    setColumns(null);
    picked.current = f;
    if (!f) return;
    setReading(true);
    try {
      const read = await importColumns(f);
      if (picked.current === f) setColumns(read);
    } catch (e) {
      if (picked.current === f) setError(errorText(e));
    } finally {
      if (picked.current === f) setReading(false);
    }
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  // The import runs in the background: its progress is read again until it is done.
  useEffect(() => {
    if (!location) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const p = await importProgress(location);
        if (stop) return;
        setProgress(p);
        if (p.status === "queued" || p.status === "running") timer = setTimeout(poll, 500);
      } catch (e) {
        if (!stop) setError(errorText(e));
      }
    };
    void poll();
    return () => ((stop = true), clearTimeout(timer));
  }, [location]);

  const done = progress && (progress.status === "completed" || progress.status === "failed");
  return (
    <section className={styles.card} aria-labelledby="import-title" data-testid="import">
      <Text as="h2" id="import-title" size={500} weight="semibold">
        Import leads
      </Text>
      <Text className={styles.quiet}>CSV, Excel (.xlsx) or vCard (.vcf). The preview writes nothing; known addresses only get their empty fields filled.</Text>
      <form
        className={styles.filters}
        onSubmit={(e) => {
          e.preventDefault();
          if (file) void run(async () => (setLocation(null), setProgress(null), setPreview(await dryRun(choices()))));
        }}
      >
        <div style={{ display: "flex", flexDirection: "column", gap: 4 }}>
          <label htmlFor={fileId}>File</label>
          <input id={fileId} type="file" accept=".csv,.txt,.tsv,.xlsx,.vcf,text/csv,text/vcard" onChange={(e) => void pick(e.target.files?.[0] ?? null)} />
        </div>
        <Field label="Default source">
          <Input value={source} onChange={(_, d) => (setSource(d.value), setPreview(null))} placeholder="Trade fair Essen 2026" />
        </Field>
        <Field label="First met on">
          <Input type="date" value={firstMetOn} onChange={(_, d) => (setFirstMetOn(d.value), setPreview(null))} />
        </Field>
        <Button type="submit" appearance="primary" disabled={!file || busy || reading}>
          Preview
        </Button>
      </form>

      {reading && <Spinner size="tiny" label="Reading the file's columns…" />}
      {columns && (
        <details className={styles.details} open data-testid="import-mapping">
          <summary>
            Columns of this {formatNames[columns.format]} ({columns.columns.length}, {columns.rows} rows): each fills the field shown; choose another or leave it out
          </summary>
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))", gap: 8 }}>
            {columns.columns.map((c) => (
              <Field
                key={c.header}
                label={c.header}
                hint={c.samples.length ? `e.g. ${c.samples.join(" · ")}` : "Empty in every row"}
                validationState={c.header in mapping ? "success" : "none"}
                validationMessage={c.header in mapping ? `Changed (automatic: ${c.field ?? "left out"})` : undefined}
              >
                <Select
                  value={mappedField(c, mapping)}
                  onChange={(_, d) => {
                    setPreview(null);
                    setMapping((m) => choose(m, c, d.value));
                  }}
                >
                  <option value="">Leave out</option>
                  {columns.fields.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        </details>
      )}

      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}

      {preview && !location && (
        <>
          <Text as="h3" size={400} weight="semibold">
            Preview: {preview.total} rows
          </Text>
          <dl className={styles.counts} data-testid="import-preview-counts">
            {(["create", "update", "duplicate", "error"] as const).map((a) => (
              <div key={a}>
                <dt>{a}</dt>
                <dd data-testid={`preview-${a}`}>{preview[a]}</dd>
              </div>
            ))}
          </dl>
          <SimpleTable
            caption="What each row would do"
            testId="import-preview-rows"
            columns={["Row", "Action", "Email", "Field", "Message"]}
            rows={preview.rows.map((r) => [r.row, r.action, r.email ?? "", r.field ?? "", r.message ?? ""])}
          />
          <div>
            <Button appearance="primary" disabled={busy || preview.create + preview.update === 0} onClick={() => void run(async () => setLocation(await commitImport(choices())))}>
              Import {preview.create + preview.update} rows
            </Button>
          </div>
        </>
      )}

      {location && (
        <div data-testid="import-progress" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
          <Field
            label={progress ? `Imported ${progress.processed} of ${progress.total} rows (${progress.status})` : "Queued…"}
            validationState={progress?.status === "failed" ? "error" : "none"}
          >
            <ProgressBar value={progress && progress.total ? progress.processed / progress.total : 0} max={1} aria-label="Import progress" />
          </Field>
          {done && progress && (
            <>
              <dl className={styles.counts} data-testid="import-result">
                {(["created", "updated", "skipped"] as const).map((k) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd data-testid={`result-${k}`}>{progress[k]}</dd>
                  </div>
                ))}
              </dl>
              {progress.errors.length > 0 && (
                <>
                  <SimpleTable
                    caption="Rows not imported"
                    testId="import-errors"
                    columns={["Row", "Field", "Message"]}
                    rows={progress.errors.map((e) => [e.row, e.field, e.message])}
                  />
                  <div>
                    <Button onClick={() => saveText(toCsv(errorRows(progress.errors)), `leadmail-import-${progress.id}-errors.csv`)}>Download the errors as CSV</Button>
                  </div>
                </>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
