"use client";

import { CopyIcon, FilterXIcon, OctagonAlertIcon, PauseIcon, ZapIcon } from "lucide-react";
import { useLabels } from "../../client/settings";
import type { DeliveryVerdict } from "../../shared/schemas";
import { Badge, type BadgeTone } from "../ui/badge";

const TONES: Record<DeliveryVerdict, BadgeTone> = { fired: "success", filtered: "warning", duplicate: "neutral", paused: "info", invalid: "danger" };
const ICONS = { fired: ZapIcon, filtered: FilterXIcon, duplicate: CopyIcon, paused: PauseIcon, invalid: OctagonAlertIcon } as const;

/** A delivery's verdict as a chip: an icon and the word (never color alone). */
export function VerdictChip({ verdict }: { verdict: DeliveryVerdict }) {
  const labels = useLabels().deliveries;
  const Icon = ICONS[verdict];
  return (
    <Badge tone={TONES[verdict]} className="planner-verdict-chip" data-verdict={verdict}>
      <Icon aria-hidden="true" />
      {labels.verdicts[verdict]}
    </Badge>
  );
}
