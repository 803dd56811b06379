"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { logoUrl, useHostOptions } from "../../client/settings";
import { usePlanner } from "../../client/trpc";

interface LogoImageProps {
  /** The toolkit's slug ("gmail"), for the host's `logos` map or function. */
  toolkit: string;
  /** The logo URL Composio's catalog gives, if any. */
  src: string | undefined;
  alt: string;
  className: string;
  fallback: ReactNode;
}

/**
 * A toolkit's logo image from the host's `logos` option (Composio's CDN by default, none, or the host's own
 * URLs) that shows `fallback` (its initial) when there is no URL or the image cannot be loaded — an offline
 * host, a blocked CDN — rather than a broken-image icon.
 */
export function LogoImage({ toolkit, src, alt, className, fallback }: LogoImageProps) {
  const { logos } = useHostOptions();
  const url = logoUrl(toolkit, src, logos);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (url === null || failedSrc === url) return fallback;
  return <img src={url} alt={alt} className={className} loading="lazy" onError={() => setFailedSrc(url)} />;
}

interface ToolkitInfo {
  slug: string;
  name: string;
  logo?: string | undefined;
}

/**
 * The catalog's toolkits, fetched once by a list of cards (`undefined` while loading) so each card's logos read it
 * rather than each observing the catalog query. Outside a provider, a logo reads the query itself.
 */
const ToolkitsContext = createContext<{ toolkits: readonly ToolkitInfo[] | undefined } | null>(null);

/** Fetches the catalog's toolkits once for every `ToolkitLogo` below (only once `enabled`: there are cards to show). */
export function ToolkitsProvider({ enabled = true, children }: { enabled?: boolean | undefined; children: ReactNode }) {
  const trpc = usePlanner();
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000, enabled }));
  const value = useMemo(() => ({ toolkits: toolkits.data }), [toolkits.data]);
  return <ToolkitsContext.Provider value={value}>{children}</ToolkitsContext.Provider>;
}

/** The toolkit's logo (decorative) and, with `withName`, its name ("Gmail"), from the cached catalog; the initial while it loads. */
export function ToolkitLogo(props: { toolkit: string; withName?: boolean | undefined }) {
  const provided = useContext(ToolkitsContext);
  return provided ? <ToolkitLogoView {...props} toolkits={provided.toolkits} /> : <ToolkitLogoOwnQuery {...props} />;
}

function ToolkitLogoOwnQuery(props: { toolkit: string; withName?: boolean | undefined }) {
  const trpc = usePlanner();
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  return <ToolkitLogoView {...props} toolkits={toolkits.data} />;
}

function ToolkitLogoView({ toolkit, withName = false, toolkits }: { toolkit: string; withName?: boolean | undefined; toolkits: readonly ToolkitInfo[] | undefined }) {
  const info = toolkits?.find((candidate) => candidate.slug === toolkit);
  const name = info?.name ?? toolkit.charAt(0).toUpperCase() + toolkit.slice(1);
  const initial = (
    <span className="planner-toolkit-logo" aria-hidden="true">
      {name.charAt(0)}
    </span>
  );
  return (
    <span className="planner-toolkit" data-slot="planner-toolkit">
      <LogoImage toolkit={toolkit} src={info?.logo} alt="" className="planner-toolkit-logo" fallback={initial} />
      {withName ? name : null}
    </span>
  );
}
