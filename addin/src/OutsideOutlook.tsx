import { Link, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";

/** The pane opened in a plain browser tab: what it is for, and where to try it without Outlook. */
export function OutsideOutlook({ tryPage }: { tryPage: boolean }) {
  return (
    <main style={{ padding: 16, display: "flex", flexDirection: "column", gap: 12, maxWidth: 520 }}>
      <Text as="h1" weight="semibold" size={500}>
        LeadMail
      </Text>
      <MessageBar intent="info" layout="multiline" data-testid="outside-outlook">
        <MessageBarBody>
          <MessageBarTitle>This is LeadMail's Outlook task pane, opened outside Outlook</MessageBarTitle>
          It shows who the people on an email or meeting are as leads, so it needs Outlook around it.{" "}
          {tryPage ? (
            <>
              To see it without Outlook, <Link href="/try">try it beside a simulated mailbox</Link>.
            </>
          ) : (
            "Add it to Outlook with the manifest at /addin/manifest.xml."
          )}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
