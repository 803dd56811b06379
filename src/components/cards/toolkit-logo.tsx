"use client";

import { useQuery } from "@tanstack/react-query";
import { usePlanner } from "../../client/trpc";

/** The toolkit's logo (decorative) and, with `withName`, its name ("Gmail"), from the cached catalog; the initial while it loads. */
export function ToolkitLogo({ toolkit, withName = false }: { toolkit: string; withName?: boolean }) {
  const trpc = usePlanner();
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const info = toolkits.data?.find((candidate) => candidate.slug === toolkit);
  const name = info?.name ?? toolkit.charAt(0).toUpperCase() + toolkit.slice(1);
  return (
    <span className="planner-toolkit" data-slot="planner-toolkit">
      {info?.logo ? (
        <img src={info.logo} alt="" className="planner-toolkit-logo" />
      ) : (
        <span className="planner-toolkit-logo" aria-hidden="true">
          {name.charAt(0)}
        </span>
      )}
      {withName ? name : null}
    </span>
  );
}
