"use client";

import { ChevronLeftIcon, ChevronRightIcon, CircleAlertIcon, PlusIcon, RotateCwIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { Button } from "../ui/button";
import { Skeleton } from "../ui/skeleton";

/** An empty list that teaches: what the thing is, and the one action that creates the first one. */
export function EmptyState({ icon, title, text, actionLabel, onAction }: { icon: ReactNode; title: string; text: string; actionLabel?: string | undefined; onAction?: (() => void) | undefined }) {
  return (
    <div data-slot="planner-empty-state" className="planner-empty">
      <span className="planner-empty-icon" aria-hidden="true">
        {icon}
      </span>
      <p className="planner-empty-title">{title}</p>
      <p className="planner-empty-text">{text}</p>
      {actionLabel && onAction ? (
        <Button size="sm" onClick={onAction}>
          <PlusIcon aria-hidden="true" />
          {actionLabel}
        </Button>
      ) : null}
    </div>
  );
}

/** A failed load with the server's sentence and a retry. */
export function ErrorState({ title, message, onRetry }: { title?: string | undefined; message: string; onRetry?: (() => void) | undefined }) {
  const labels = useLabels();
  return (
    <div data-slot="planner-error-state" role="alert" className="planner-error-state">
      <CircleAlertIcon aria-hidden="true" />
      <div className="planner-error-text">
        <p className="planner-empty-title">{title ?? labels.common.errorTitle}</p>
        <p className="planner-empty-text">{message}</p>
      </div>
      {onRetry ? (
        <Button size="sm" variant="outline" onClick={onRetry}>
          <RotateCwIcon aria-hidden="true" />
          {labels.common.retry}
        </Button>
      ) : null}
    </div>
  );
}

/** Card-shaped placeholders while a list loads; the label is read once instead. */
export function CardSkeletons({ count, label }: { count: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="planner-card-skeletons">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="planner-item-card" aria-hidden="true">
          <Skeleton style={{ width: "55%", height: "1rem" }} />
          <Skeleton style={{ width: "85%", height: "0.75rem" }} />
          <Skeleton style={{ width: "100%", height: "0.875rem" }} />
          <Skeleton style={{ width: "70%", height: "0.75rem" }} />
        </div>
      ))}
    </div>
  );
}

/** A bordered panel section: icon, title, one line, an optional action, and the list. */
export function ListSection({ slot, icon, title, description, count, action, children, className }: { slot: string; icon: ReactNode; title: string; description: string; count?: number | undefined; action?: ReactNode | undefined; children: ReactNode; className?: string | undefined }) {
  return (
    <section data-slot={slot} aria-label={title} className={["planner-section", className].filter(Boolean).join(" ")}>
      <header className="planner-section-header">
        <span className="planner-section-icon" aria-hidden="true">
          {icon}
        </span>
        <div className="planner-section-titles">
          <h2 className="planner-section-title">
            {title}
            {count ? <span className="planner-section-count">{count}</span> : null}
          </h2>
          <p className="planner-section-description">{description}</p>
        </div>
        {action}
      </header>
      {children}
    </section>
  );
}

/** Cards a section shows at once (a host may pass another `pageSize`): an agent at the bounds has 500 jobs. */
export const CARDS_PER_PAGE = 100;

/**
 * One page of a section's items: `page` is clamped when the list shrinks (the last item of the last page deleted), so
 * a page is never empty while there are items.
 */
export function usePage<T>(items: readonly T[], pageSize: number): { items: readonly T[]; page: number; pages: number; size: number; setPage: (page: number) => void } {
  const size = Math.max(1, Math.floor(pageSize) || CARDS_PER_PAGE);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const [wanted, setPage] = useState(0);
  const page = Math.min(Math.max(0, wanted), pages - 1);
  return { items: items.length <= size ? items : items.slice(page * size, (page + 1) * size), page, pages, size, setPage };
}

/** "Showing 101–200 of 500" with Previous and Next, under a section whose items do not fit on one page. */
export function ListPager({ label, page, pages, pageSize, total, onPage }: { label: string; page: number; pages: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const labels = useLabels().cards;
  if (pages <= 1) return null;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav data-slot="planner-list-pager" aria-label={labels.pagesOf(label)} className="planner-list-pager">
      <span className="planner-list-pager-range" aria-live="polite">
        {labels.pageRange(from, to, total)}
      </span>
      <Button size="sm" variant="outline" disabled={page === 0} onClick={() => onPage(page - 1)}>
        <ChevronLeftIcon aria-hidden="true" />
        {labels.previousPage}
      </Button>
      <Button size="sm" variant="outline" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {labels.nextPage}
        <ChevronRightIcon aria-hidden="true" />
      </Button>
    </nav>
  );
}
