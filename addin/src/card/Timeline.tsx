import { useState } from "react";
import { Text } from "@fluentui/react-components";
import type { Touch, TouchCorrection } from "../api";
import { TouchItem, type Change } from "./TouchItem";
import { useCardStyles } from "./styles";

/** The latest touches, newest first; one of them at a time is being corrected or removed. */
export function Timeline(props: {
  touches: Touch[];
  busy: boolean;
  onOpen: () => void;
  onCorrect: (t: Touch, patch: TouchCorrection) => Promise<unknown>;
  onRemove: (t: Touch) => Promise<unknown>;
}) {
  const styles = useCardStyles();
  const [changing, setChanging] = useState<{ id: number; how: Change } | null>(null);
  if (props.touches.length === 0) return <Text className={styles.muted}>No touches yet.</Text>;
  const done = () => setChanging(null);
  return (
    <ol className={styles.timeline} data-testid="timeline">
      {props.touches.slice(0, 6).map((t) => (
        <TouchItem
          key={t.id}
          touch={t}
          busy={props.busy}
          changing={changing?.id === t.id ? changing.how : null}
          onChanging={(how) => {
            if (how) props.onOpen();
            setChanging(how && { id: t.id, how });
          }}
          onCorrect={(patch) => props.onCorrect(t, patch).then(done)}
          onRemove={() => props.onRemove(t).then(done)}
        />
      ))}
    </ol>
  );
}
