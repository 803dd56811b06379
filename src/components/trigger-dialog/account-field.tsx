"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2Icon, ExternalLinkIcon, PlugZapIcon } from "lucide-react";
import { useHostOptions, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";

interface AccountFieldProps {
  toolkit: string;
  appName: string;
  value: string;
  onChange: (accountId: string) => void;
  error?: string | undefined;
}

/**
 * Whether the viewer has a connected account for the app: the account select when they do (the only active
 * one is shown chosen, the server picks it too), or how to connect one and a "Check again" when not.
 */
export function AccountField({ toolkit, appName, value, onChange, error }: AccountFieldProps) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const accounts = useQuery({ ...trpc.catalog.connectedAccounts.queryOptions({ toolkit }), staleTime: 0 });
  const href = useHostOptions().connectHref?.(toolkit) || null;

  if (accounts.isPending) return <p className="planner-account-line planner-trigger-muted">{allLabels.common.loading}</p>;
  if (accounts.isError) {
    return (
      <div className="planner-trigger-inline-error" role="alert">
        <span>{accounts.error.message}</span>
        <Button variant="outline" size="sm" onClick={() => void accounts.refetch()}>
          {allLabels.common.retry}
        </Button>
      </div>
    );
  }
  const active = accounts.data.filter((account) => account.status === "ACTIVE");
  if (active.length === 0) {
    return (
      <div className="planner-account-line" data-state="missing" role="status">
        <PlugZapIcon aria-hidden="true" />
        <span>{accounts.data.length === 0 ? labels.accountsNone(appName) : labels.accountsInactive(appName)}</span>
        {href ? (
          <Button asChild variant="outline" size="sm">
            <a href={href} target="_blank" rel="noopener" data-slot="planner-connect-link">
              <ExternalLinkIcon aria-hidden="true" />
              {accounts.data.length === 0 ? labels.connectAccount(appName) : labels.reconnectAccount(appName)}
              <span className="planner-sr-only"> {labels.opensInNewTab}</span>
            </a>
          </Button>
        ) : null}
        <Button variant="outline" size="sm" onClick={() => void accounts.refetch()} disabled={accounts.isFetching}>
          {labels.checkAgain}
        </Button>
        {error ? <span className="planner-field-error">{error}</span> : null}
      </div>
    );
  }
  const shown = value || (active.length === 1 ? (active[0]?.id ?? "") : "");
  return (
    <div className="planner-account">
      <p className="planner-account-line" data-state="connected">
        <CheckCircle2Icon aria-hidden="true" />
        <span>{labels.accountsConnected(appName, active.length)}</span>
      </p>
      <Field label={labels.account} error={error}>
          {(control) => (
            <Select value={shown} onValueChange={onChange}>
              <SelectTrigger {...control}>
                <SelectValue placeholder={labels.accountPlaceholder} />
              </SelectTrigger>
              <SelectContent>
                {accounts.data.map((account) => (
                  <SelectItem key={account.id} value={account.id} disabled={account.status !== "ACTIVE"}>
                    {labels.accountOption(account.label ?? account.id, account.status)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
      </Field>
    </div>
  );
}
