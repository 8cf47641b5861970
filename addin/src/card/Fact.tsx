import type { ReactNode } from "react";
import { Text } from "@fluentui/react-components";
import { useCardStyles } from "./styles";

/** One term and its value in the card's fact list. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useCardStyles();
  return (
    <>
      <dt className={styles.term}>
        <Text size={200}>{term}</Text>
      </dt>
      <dd className={styles.value}>
        <Text size={200}>{children}</Text>
      </dd>
    </>
  );
}
