"use client";

import { useLabels } from "../../client/settings";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "../ui/dialog";
import { Isolated } from "../ui/bidi";
import { RunHistory } from "./run-history";
import { DeliveryLog } from "../deliveries/delivery-log";
import { HistoryTabs } from "../edit-log/history-tabs";
import type { RunHistoryOwner } from "./types";
import { ExpectedStrip } from "../watch/expected-strip";

export interface HistoryDialogProps {
  agentId: string;
  /** Whose runs; absent for the agent's whole activity. */
  owner?: RunHistoryOwner | undefined;
  /** The job's or trigger's name (the title). */
  name?: string | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * `RunHistory` in a dialog: "History" in a card's menu, "Open history" in the needs-attention banner. A job's or
 * trigger's history has two tabs, its Runs and its Changes (the edit log).
 */
export function HistoryDialog({ agentId, owner, name, open, onOpenChange }: HistoryDialogProps) {
  const labels = useLabels();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg" aria-describedby={undefined} className="planner-history-dialog">
        <DialogHeader>
          <DialogTitle>{name ? <Isolated text={labels.cards.historyTitle} value={name} /> : labels.panel.activityTitle}</DialogTitle>
        </DialogHeader>
        <DialogBody>
          {owner?.kind === "job" ? <ExpectedStrip agentId={agentId} jobId={owner.id} /> : null}
          {owner ? (
            <HistoryTabs agentId={agentId} owner={owner}>
              <RunHistory agentId={agentId} owner={owner} {...(name ? { ownerName: name } : {})} hideTitle />
              {owner.kind === "trigger" ? <DeliveryLog agentId={agentId} triggerId={owner.id} /> : null}
            </HistoryTabs>
          ) : (
            <RunHistory agentId={agentId} hideTitle />
          )}
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}
