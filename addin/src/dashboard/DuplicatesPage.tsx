import { useCallback, useEffect, useState } from "react";
import { Button, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Text } from "@fluentui/react-components";
import { stageLabels } from "../format";
import { when, type Rep } from "./console";
import { defaultSurvivor, duplicateGroups, getLead, mergeLeads, mergeRecords, type DuplicateGroup, type Lead, type Merge } from "./duplicates";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

/** The groups a page opens the leads of: the largest first, as the health report lists them. */
const shownGroups = 25;

type Group = DuplicateGroup & { leads: Lead[] };

/** Likely duplicates from the database-health report, merged on the page into the lead that stays, and the record of merges. */
export default function DuplicatesPage({ reps }: { reps: Rep[] }) {
  const styles = useDashboardStyles();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [total, setTotal] = useState(0);
  const [merges, setMerges] = useState<Merge[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [all, records] = await Promise.all([duplicateGroups(), mergeRecords()]);
    const opened = await Promise.all(all.slice(0, shownGroups).map(async (g) => ({ ...g, leads: await Promise.all(g.contactIds.map(getLead)) })));
    setTotal(all.length);
    setGroups(opened);
    setMerges(records);
  }, []);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load]);

  const repName = (id: number | null) => (id === null ? "–" : reps.find((r) => r.id === id)?.displayName ?? `Rep ${id}`);

  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" role="status" layout="multiline">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="duplicates-title" data-testid="duplicates">
        <Text as="h2" id="duplicates-title" size={500} weight="semibold">
          Likely duplicates
        </Text>
        <Text className={styles.quiet}>
          Leads with the same name and company, or the same phone number. Merging keeps one lead (by default the oldest; the most touches break a tie) and
          moves the other's addresses, touches, follow-ups and history onto it; the other lead is then gone.
        </Text>
        {!groups ? (
          <Spinner size="small" label="Loading…" />
        ) : groups.length === 0 ? (
          <Text>No likely duplicates.</Text>
        ) : (
          <>
            {total > groups.length && <Text className={styles.quiet}>The {groups.length} largest of {total} groups.</Text>}
            {groups.map((g) => (
              <DuplicateGroupView
                key={`${g.kind}:${g.match}`}
                group={g}
                onMerged={async (text) => {
                  setError(null);
                  setDone(text);
                  await load();
                }}
                onError={(e) => {
                  setDone(null);
                  setError(e);
                  void load().catch(() => undefined);
                }}
              />
            ))}
          </>
        )}
      </section>

      <section className={styles.card} aria-labelledby="merges-title" data-testid="merges">
        <Text as="h2" id="merges-title" size={500} weight="semibold">
          Merges
        </Text>
        {!merges ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Leads merged into another, newest first"
            testId="merges-table"
            empty="No leads merged yet."
            columns={["When", "Merged lead", "Its addresses", "Into lead", "By", "Moved"]}
            rows={merges.map((m) => [
              when(m.at),
              `${m.duplicateName ?? "(no name)"} (#${m.duplicateId})`,
              m.duplicateEmails.join(", ") || "–",
              `#${m.survivorId}`,
              repName(m.byRepId),
              `${m.addressesMoved} addresses, ${m.touchesMoved} touches, ${m.followUpsMoved} follow-ups` + (m.filledFields.length ? `; filled ${m.filledFields.join(", ")}` : ""),
            ])}
          />
        )}
      </section>
    </>
  );
}

function DuplicateGroupView({ group, onMerged, onError }: { group: Group; onMerged: (text: string) => Promise<void>; onError: (text: string) => void }) {
  const [survivor, setSurvivor] = useState<number | null>(() => defaultSurvivor(group.leads));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const kept = group.leads.find((l) => l.id === survivor);
  const others = group.leads.filter((l) => l.id !== survivor);
  const label = `${group.kind === "name" ? "Same name and company" : "Same phone"}: ${group.match}`;

  async function merge() {
    if (!kept) return;
    setBusy(true);
    try {
      // One at a time: each merge answers the lead that stays, and a refusal stops before the rest.
      for (const other of others) await mergeLeads(kept.id, other.id);
      setConfirming(false);
      await onMerged(`Merged ${others.map((o) => `${o.displayName} (#${o.id})`).join(", ")} into ${kept.displayName} (#${kept.id}).`);
    } catch (e) {
      setConfirming(false);
      onError(`The merge into ${kept.displayName} (#${kept.id}) was refused: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="group" aria-label={label} data-testid="duplicate-group" style={{ display: "flex", flexDirection: "column", gap: 8, paddingBlock: 8 }}>
      <Text weight="semibold">{label}</Text>
      <RadioGroup aria-label={`The lead that stays, ${label}`} value={survivor?.toString() ?? ""} onChange={(_, d) => (setSurvivor(Number(d.value)), setConfirming(false))}>
        <SimpleTable
          caption={`${group.contacts} leads`}
          testId="duplicate-leads"
          columns={["Stays", "Name", "Company", "Addresses", "Owner", "Stage", "Touches", "Created"]}
          rows={group.leads.map((l) => [
            <Radio key="r" value={l.id.toString()} aria-label={`Keep ${l.displayName} (#${l.id})`} />,
            `${l.displayName} (#${l.id})`,
            l.company ?? "–",
            l.emails.join(", ") || "–",
            l.ownerName ?? "unassigned",
            stageLabels[l.stage],
            l.touchesTotal,
            when(l.createdAt),
          ])}
        />
      </RadioGroup>
      {!confirming ? (
        <div>
          <Button appearance="primary" disabled={!kept || busy} onClick={() => setConfirming(true)}>
            Merge into {kept ? `${kept.displayName} (#${kept.id})` : "…"}
          </Button>
        </div>
      ) : (
        <MessageBar intent="warning" layout="multiline" data-testid="merge-confirmation">
          <MessageBarBody>
            Merge {others.map((o) => `${o.displayName} (#${o.id})`).join(", ")} into {kept?.displayName} (#{kept?.id})? Their addresses, touches and history
            move to it and {others.length === 1 ? "the merged lead is" : "the merged leads are"} deleted. This cannot be undone.
            <div style={{ display: "flex", gap: 8, marginTop: 8 }}>
              <Button appearance="primary" disabled={busy} onClick={() => void merge()}>
                {busy ? "Merging…" : "Yes, merge"}
              </Button>
              <Button disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
