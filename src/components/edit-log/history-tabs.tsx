"use client";

import type { ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "../ui/tabs";
import { EditLog } from "./edit-log";

export interface HistoryTabsProps {
  agentId: string;
  owner: { kind: "job" | "trigger"; id: string };
  /** The Runs tab's content (the item's run history). */
  children: ReactNode;
}

/** An item's history: its Runs (`children`) and its Changes (who changed what), as two tabs. */
export function HistoryTabs({ agentId, owner, children }: HistoryTabsProps) {
  const all = useLabels();
  const labels = all.editLog;
  const historyLabel = all.cards.history;
  return (
    <Tabs defaultValue="runs" className="planner-history-tabs">
      <TabsList aria-label={historyLabel}>
        <TabsTrigger value="runs">{labels.runsTab}</TabsTrigger>
        <TabsTrigger value="changes">{labels.changesTab}</TabsTrigger>
      </TabsList>
      <TabsContent value="runs">{children}</TabsContent>
      <TabsContent value="changes">
        <EditLog agentId={agentId} owner={owner} />
      </TabsContent>
    </Tabs>
  );
}
