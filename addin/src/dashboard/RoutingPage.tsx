import { useCallback, useEffect, useState } from "react";
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text } from "@fluentui/react-components";
import {
  conditionText, createRule, deleteRule, listGroups, listReps, listRules, previewRouting, putGroup, replaceRule, ruleWrite, swapWrites,
  type Rep, type RepGroup, type RoutingLead, type RoutingPreview, type Rule, type RuleWrite,
} from "./console";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

const blank: RuleWrite = { name: "", active: true, interest: null, region: null, country: null, source: null, minScore: null, maxScore: null, repId: null, group: null };

/** The routing rules in the order they are tried, and the round-robin groups they may hand leads to. */
export default function RoutingPage() {
  const styles = useDashboardStyles();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [groups, setGroups] = useState<RepGroup[]>([]);
  const [reps, setReps] = useState<Rep[]>([]);
  const [editing, setEditing] = useState<{ id: number | null; write: RuleWrite } | null>(null);
  const [groupForm, setGroupForm] = useState<{ name: string; repIds: number[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [trial, setTrial] = useState<RoutingLead>({ source: null, interest: null, region: null, country: null, score: null });
  const [answer, setAnswer] = useState<RoutingPreview | null>(null);

  const load = useCallback(async () => {
    const [r, g, p] = await Promise.all([listRules(), listGroups(), listReps()]);
    setRules(r);
    setGroups(g);
    setReps(p);
  }, []);
  useEffect(() => void load().catch((e) => setError(errorText(e))), [load]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const repName = (id: number | null | undefined) => reps.find((r) => r.id === id)?.displayName ?? `Rep ${id}`;
  const text = (v: string) => (v.trim() ? v.trim() : null);
  const number = (v: string) => (v.trim() === "" ? null : Number(v));

  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="rules-title" data-testid="rules">
        <div className={styles.cardHeader}>
          <Text as="h2" id="rules-title" size={500} weight="semibold">
            Routing rules
          </Text>
          <Button size="small" appearance="primary" onClick={() => setEditing({ id: null, write: { ...blank } })}>
            New rule
          </Button>
        </div>
        <Text className={styles.quiet}>A new lead goes to the first active rule whose conditions all match; without one, it stays with whoever added it or goes to the unassigned queue.</Text>
        {!rules ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Rules, in the order they are tried"
            testId="rules-table"
            empty="No rules: every lead stays with whoever added it."
            columns={["#", "Name", "When", "Goes to", "Active", "Actions"]}
            rows={rules.map((r, i) => [
              i + 1,
              r.name,
              conditionText(r),
              r.group ? `group ${r.group}` : repName(r.repId),
              r.active ? "yes" : "no",
              <span key="a" style={{ display: "flex", gap: 4, flexWrap: "wrap" }}>
                <Button size="small" disabled={busy || i === 0} aria-label={`Move ${r.name} up`} onClick={() => void run(() => Promise.all(swapWrites(rules, i, -1).map(([id, w]) => replaceRule(id, w))))}>
                  Up
                </Button>
                <Button size="small" disabled={busy || i === rules.length - 1} aria-label={`Move ${r.name} down`} onClick={() => void run(() => Promise.all(swapWrites(rules, i, 1).map(([id, w]) => replaceRule(id, w))))}>
                  Down
                </Button>
                <Button size="small" disabled={busy} aria-label={`Edit ${r.name}`} onClick={() => setEditing({ id: r.id, write: ruleWrite(r) })}>
                  Edit
                </Button>
                <Button size="small" disabled={busy} aria-label={`Delete ${r.name}`} onClick={() => confirm(`Delete the rule ${r.name}?`) && void run(() => deleteRule(r.id))}>
                  Delete
                </Button>
              </span>,
            ])}
          />
        )}
        {editing && (
          <form
            aria-label={editing.id === null ? "New rule" : "Edit rule"}
            className={styles.filters}
            onSubmit={(e) => {
              e.preventDefault();
              const { id, write } = editing;
              void run(async () => {
                await (id === null ? createRule(write) : replaceRule(id, write));
                setEditing(null);
              });
            }}
          >
            <Field label="Rule name" required>
              <Input value={editing.write.name ?? ""} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, name: d.value } })} />
            </Field>
            {(["source", "interest", "region", "country"] as const).map((k) => (
              <Field key={k} label={k.charAt(0).toUpperCase() + k.slice(1)}>
                <Input value={editing.write[k] ?? ""} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, [k]: text(d.value) } })} />
              </Field>
            ))}
            <Field label="Score from">
              <Input type="number" value={editing.write.minScore?.toString() ?? ""} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, minScore: number(d.value) } })} />
            </Field>
            <Field label="Score to">
              <Input type="number" value={editing.write.maxScore?.toString() ?? ""} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, maxScore: number(d.value) } })} />
            </Field>
            <Field label="Goes to">
              <RadioGroup
                layout="horizontal"
                value={editing.write.group ? "group" : "rep"}
                onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, repId: d.value === "rep" ? reps[0]?.id ?? null : null, group: d.value === "group" ? groups[0]?.name ?? null : null } })}
              >
                <Radio value="rep" label="A rep" />
                <Radio value="group" label="A round-robin group" disabled={groups.length === 0} />
              </RadioGroup>
            </Field>
            {editing.write.group ? (
              <Field label="Group">
                <Select value={editing.write.group} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, group: d.value } })}>
                  {groups.map((g) => (
                    <option key={g.id} value={g.name}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <Field label="Rep">
                <Select value={editing.write.repId?.toString() ?? ""} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, repId: Number(d.value) || null } })}>
                  <option value="">Choose a rep</option>
                  {reps.filter((r) => r.active).map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.displayName}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <Checkbox label="Active" checked={editing.write.active ?? true} onChange={(_, d) => setEditing({ ...editing, write: { ...editing.write, active: !!d.checked } })} />
            <Button type="submit" appearance="primary" disabled={busy}>
              Save rule
            </Button>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
          </form>
        )}
      </section>

      <section className={styles.card} aria-labelledby="preview-title" data-testid="routing-preview">
        <Text as="h2" id="preview-title" size={500} weight="semibold">
          Which rep would get this lead?
        </Text>
        <Text className={styles.quiet}>Tries the rules on a lead with these fields, as a new lead would be routed now. Nothing is saved and no group's turn is used.</Text>
        <form
          aria-label="Routing preview"
          className={styles.filters}
          onSubmit={(e) => {
            e.preventDefault();
            setAnswer(null);
            void run(async () => setAnswer(await previewRouting(trial)));
          }}
        >
          {(["source", "interest", "region", "country"] as const).map((k) => (
            <Field key={k} label={`Lead ${k}`}>
              <Input value={trial[k] ?? ""} onChange={(_, d) => setTrial({ ...trial, [k]: text(d.value) })} />
            </Field>
          ))}
          <Field label="Lead score">
            <Input type="number" value={trial.score?.toString() ?? ""} onChange={(_, d) => setTrial({ ...trial, score: number(d.value) })} />
          </Field>
          <Button type="submit" disabled={busy}>
            Try the rules
          </Button>
        </form>
        {answer && (
          <Text role="status" data-testid="routing-preview-answer">
            {answer.matched
              ? `Rule "${answer.ruleName}" matches: the lead would go to ${answer.repName ?? repName(answer.repId)}${answer.group ? ` (next in group ${answer.group})` : ""}.`
              : "No rule matches: the lead would stay with whoever adds it, or go to the unassigned queue."}
          </Text>
        )}
      </section>

      <section className={styles.card} aria-labelledby="groups-title" data-testid="groups">
        <div className={styles.cardHeader}>
          <Text as="h2" id="groups-title" size={500} weight="semibold">
            Round-robin groups
          </Text>
          <Button size="small" onClick={() => setGroupForm({ name: "", repIds: [] })}>
            New group
          </Button>
        </div>
        <SimpleTable
          caption="Groups whose members take turns"
          testId="groups-table"
          empty="No groups yet."
          columns={["Name", "Members, in turn", "Leads handed out", "Actions"]}
          rows={groups.map((g) => [
            g.name,
            g.repIds.map(repName).join(", "),
            g.turns,
            <Button key="e" size="small" aria-label={`Edit group ${g.name}`} onClick={() => setGroupForm({ name: g.name, repIds: [...g.repIds] })}>
              Edit
            </Button>,
          ])}
        />
        {groupForm && (
          <form
            aria-label="Round-robin group"
            className={styles.filters}
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await putGroup(groupForm.name.trim(), groupForm.repIds);
                setGroupForm(null);
              });
            }}
          >
            <Field label="Group name" required>
              <Input value={groupForm.name} onChange={(_, d) => setGroupForm({ ...groupForm, name: d.value })} />
            </Field>
            <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
              <legend>Members (in the order ticked)</legend>
              {reps.filter((r) => r.active).map((r) => (
                <Checkbox
                  key={r.id}
                  label={r.displayName}
                  checked={groupForm.repIds.includes(r.id)}
                  onChange={(_, d) => setGroupForm({ ...groupForm, repIds: d.checked ? [...groupForm.repIds, r.id] : groupForm.repIds.filter((x) => x !== r.id) })}
                />
              ))}
            </fieldset>
            <Button type="submit" appearance="primary" disabled={busy}>
              Save group
            </Button>
            <Button onClick={() => setGroupForm(null)}>Cancel</Button>
          </form>
        )}
      </section>
    </>
  );
}
