"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
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

/** The toolkit's logo (decorative) and, with `withName`, its name ("Gmail"), from the cached catalog; the initial while it loads. */
export function ToolkitLogo({ toolkit, withName = false }: { toolkit: string; withName?: boolean | undefined }) {
  const trpc = usePlanner();
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const info = toolkits.data?.find((candidate) => candidate.slug === toolkit);
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
