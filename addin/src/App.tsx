import { useCallback, useEffect, useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ApiError, lookup, type Lookup, type RestrictedLookup } from "./api";
import { authMode, SignInRequired, storedToken } from "./auth";
import { SignIn } from "./SignIn";
import { readOpenItem, watchItem, watchRecipients, type OpenItem, type Participant } from "./office";
import { ContactCard } from "./card/ContactCard";
import { RestrictedCard } from "./card/RestrictedCard";
import { capOf, warningsOf } from "./card/warnings";
import { AddLead } from "./AddLead";
import { stageLabels } from "./format";
import { Today } from "./today/Today";

export type LookupState =
  | { status: "loading" }
  | { status: "known"; data: Lookup }
  | { status: "restricted"; data: RestrictedLookup }
  | { status: "unknown" }
  | { status: "error"; message: string };

const useStyles = makeStyles({
  root: { padding: "12px", boxSizing: "border-box", maxWidth: "100vw", overflowX: "hidden", display: "flex", flexDirection: "column", gap: "12px", color: tokens.colorNeutralForeground1 },
  title: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "8px" },
  header: { display: "flex", alignItems: "center", gap: "8px", minWidth: 0, width: "100%" },
  who: { display: "flex", flexDirection: "column", minWidth: 0, flexGrow: 1, textAlign: "start" },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  panel: { minHeight: "260px", paddingBottom: "8px" },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  skeleton: { display: "flex", flexDirection: "column", gap: "10px" },
});

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function App({ configError }: { configError: string | null }) {
  const styles = useStyles();
  const [needsSignIn, setNeedsSignIn] = useState(authMode() === "local" && !storedToken());
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [item, setItem] = useState<OpenItem | null | undefined>(undefined);
  const [lookups, setLookups] = useState<Record<string, LookupState>>({});
  const itemVersion = useRef(0);
  const abort = useRef(new AbortController());
  const painted = useRef(false);
  const asked = useRef(new Set<string>());
  const [showToday, setShowToday] = useState(false);

  const fetchOne = useCallback(async (email: string, messageId: string | undefined, version: number) => {
    setLookups((s) => ({ ...s, [email]: s[email]?.status === "known" ? s[email] : { status: "loading" } }));
    try {
      const data = await lookup(email, messageId, abort.current.signal);
      if (version !== itemVersion.current) return;
      const found: LookupState = !data
        ? { status: "unknown" }
        : data.access === "restricted"
          ? { status: "restricted", data: data as RestrictedLookup }
          : { status: "known", data: data as Lookup };
      setLookups((s) => ({ ...s, [email]: found }));
    } catch (e) {
      if (version !== itemVersion.current || abort.current.signal.aborted) return;
      if (e instanceof SignInRequired || (e instanceof ApiError && e.status === 401)) {
        setSignInMessage(e.message);
        setNeedsSignIn(true);
        return;
      }
      setLookups((s) => ({ ...s, [email]: { status: "error", message: errorText(e) } }));
    }
  }, []);

  // Reads the item and asks once per external participant; the cache keeps what was already asked for this item.
  const load = useCallback(
    async (reset: boolean) => {
      if (reset) {
        abort.current.abort();
        abort.current = new AbortController();
        itemVersion.current++;
        asked.current = new Set();
        setLookups({});
      }
      const version = itemVersion.current;
      const open = await readOpenItem();
      if (version !== itemVersion.current) return;
      setItem(open);
      if (!open || needsSignIn) return;
      for (const p of open.participants) {
        if (asked.current.has(p.email)) continue;
        asked.current.add(p.email);
        void fetchOne(p.email, open.internetMessageId, version);
      }
    },
    [fetchOne, needsSignIn],
  );

  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    watchItem(
      () => {
        void loadRef.current(true).then(() => watchRecipients(() => void loadRef.current(false)));
      },
      () => void loadRef.current(false),
    );
  }, []);

  useEffect(() => {
    void load(true);
  }, [load]);

  const refresh = useCallback(
    (email: string) => item && fetchOne(email, item.internetMessageId, itemVersion.current),
    [fetchOne, item],
  );

  const participants = item?.participants ?? [];
  const settled = item !== undefined && participants.every((p) => lookups[p.email] && lookups[p.email].status !== "loading");
  useEffect(() => {
    if (!painted.current && settled && !needsSignIn) {
      painted.current = true;
      requestAnimationFrame(() => {
        performance.mark("leadmail:first-useful-paint");
        document.body.dataset.ready = "true";
      });
    }
  }, [settled, needsSignIn]);

  if (configError) {
    return (
      <main className={styles.root}>
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>LeadMail could not start</MessageBarTitle>
            {configError}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }

  if (needsSignIn) {
    return (
      <main className={styles.root}>
        <SignIn
          message={signInMessage}
          onSignedIn={() => {
            setSignInMessage(null);
            setNeedsSignIn(false);
          }}
        />
      </main>
    );
  }

  const composeWarnings =
    item?.mode === "compose"
      ? participants.flatMap((p) => {
          const s = lookups[p.email];
          return s?.status === "known" || s?.status === "restricted"
            ? warningsOf(s.data, true).map((w) => `${s.data.contact.displayName}: ${w.title}`)
            : [];
        })
      : [];

  return (
    <main className={styles.root} aria-busy={!settled}>
      <div className={styles.title}>
        <Text as="h1" weight="semibold" size={400}>
          LeadMail
        </Text>
        <Button size="small" appearance={showToday ? "primary" : "secondary"} aria-pressed={showToday} onClick={() => setShowToday(!showToday)}>
          Today
        </Button>
        <Text size={200} aria-live="polite">
          {item === undefined
            ? "Reading the item…"
            : item === null
              ? "Select an email or meeting"
              : participants.length === 0
              ? "No external participants"
              : `${participants.length} external participant${participants.length === 1 ? "" : "s"}`}
        </Text>
      </div>

      {composeWarnings.length > 0 && (
        <MessageBar intent="error" layout="multiline" role="alert" data-testid="compose-warning">
          <MessageBarBody>
            <MessageBarTitle>Check before you send</MessageBarTitle>
            {composeWarnings.join(" · ")}
          </MessageBarBody>
        </MessageBar>
      )}

      {item === undefined ? (
        <PanelSkeleton />
      ) : showToday || item === null || participants.length === 0 ? (
        <Today />
      ) : (
        participants.length > 0 && (
          <Accordion collapsible multiple defaultOpenItems={[participants[0].email]} key={participants[0].email}>
            {participants.map((p) => (
              <ParticipantItem key={p.email} participant={p} state={lookups[p.email]} item={item!} onChanged={() => void refresh(p.email)} />
            ))}
          </Accordion>
        )
      )}
    </main>
  );
}

function ParticipantItem(props: { participant: Participant; state: LookupState | undefined; item: OpenItem; onChanged: () => void }) {
  const styles = useStyles();
  const { participant: p, state, item } = props;
  const known = state?.status === "known" || state?.status === "restricted" ? state.data : null;
  const warn = known ? warningsOf(known, item.mode === "compose").length > 0 || capOf(known).reached : false;
  return (
    <AccordionItem value={p.email} data-testid={`participant-${p.email}`}>
      <AccordionHeader expandIconPosition="end">
        <span className={styles.header}>
          <span className={styles.who}>
            <Text weight="semibold" className={styles.ellipsis}>
              {known?.contact.displayName || p.name || p.email}
            </Text>
            <Text size={200} className={styles.ellipsis}>
              {known?.contact.company ? `${known.contact.company} · ${p.email}` : p.email}
            </Text>
          </span>
          {!state || state.status === "loading" ? (
            <Spinner size="extra-tiny" aria-label="Looking up" />
          ) : state.status === "restricted" ? (
            <Badge appearance="outline" color={warn ? "danger" : "informative"} className={styles.badge}>
              {state.data.contact.owner ? `${state.data.contact.owner.name}'s lead` : "Colleague's lead"}
            </Badge>
          ) : known ? (
            <Badge appearance="tint" color={warn ? "danger" : "brand"} className={styles.badge}>
              {stageLabels[known.contact.stage] ?? known.contact.stage}
            </Badge>
          ) : state.status === "unknown" ? (
            <Badge appearance="outline" color="informative" className={styles.badge}>
              Not a lead
            </Badge>
          ) : (
            <Badge appearance="tint" color="danger" className={styles.badge}>
              Error
            </Badge>
          )}
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel}>
        {!state || state.status === "loading" ? (
          <PanelSkeleton />
        ) : state.status === "known" ? (
          <ContactCard lookup={state.data} item={item} onChanged={props.onChanged} />
        ) : state.status === "restricted" ? (
          <RestrictedCard lookup={state.data} item={item} />
        ) : state.status === "unknown" ? (
          <AddLead participant={p} onAdded={props.onChanged} />
        ) : (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Could not look up {p.email}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </AccordionPanel>
    </AccordionItem>
  );
}

function PanelSkeleton() {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading the lead" className={styles.skeleton}>
      <SkeletonItem size={24} />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
      <SkeletonItem size={48} />
      <SkeletonItem size={72} />
    </Skeleton>
  );
}
