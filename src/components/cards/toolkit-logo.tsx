"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { usePlanner } from "../../client/trpc";

/**
 * A toolkit's logo image that shows `fallback` (its initial) instead when the image cannot be loaded — an
 * offline host, a blocked CDN — rather than a broken-image icon.
 */
export function LogoImage({ src, alt, className, fallback }: { src: string; alt: string; className: string; fallback: ReactNode }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (failedSrc === src) return fallback;
  return <img src={src} alt={alt} className={className} loading="lazy" onError={() => setFailedSrc(src)} />;
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
      {info?.logo ? <LogoImage src={info.logo} alt="" className="planner-toolkit-logo" fallback={initial} /> : initial}
      {withName ? name : null}
    </span>
  );
}
