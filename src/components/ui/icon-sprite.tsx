"use client";

import { CalendarClockIcon, ClockIcon, MessageSquareIcon, MoreVerticalIcon, WorkflowIcon } from "lucide-react";
import { createContext, useContext, useId, type ReactNode } from "react";
import { cn } from "./cn";

/** The icons every card repeats: drawn once per list and referenced by each card. */
const SPRITE_ICONS = {
  "calendar-clock": CalendarClockIcon,
  clock: ClockIcon,
  "message-square": MessageSquareIcon,
  workflow: WorkflowIcon,
  "more-vertical": MoreVerticalIcon,
} as const;

export type SpriteIconName = keyof typeof SPRITE_ICONS;

const SpriteContext = createContext<string | null>(null);

/**
 * Draws the cards' icons once, as SVG symbols, for the cards inside it: a list of hundreds of cards would otherwise
 * repeat every icon's paths in each card (about 1 KB and a dozen elements per card, in the server's HTML and in
 * the page). The ids come from `useId`, so two lists on one page never share them and the server's HTML hydrates.
 */
export function IconSprite({ children }: { children: ReactNode }) {
  const id = useId();
  return (
    <SpriteContext.Provider value={id}>
      <svg data-slot="planner-icon-sprite" aria-hidden="true" focusable="false" width="0" height="0" className="planner-icon-sprite">
        <defs>
          {Object.entries(SPRITE_ICONS).map(([name, Icon]) => (
            <symbol key={name} id={`${id}-${name}`} viewBox="0 0 24 24">
              <Icon />
            </symbol>
          ))}
        </defs>
      </svg>
      {children}
    </SpriteContext.Provider>
  );
}

/**
 * One of the cards' icons: a reference to the list's sprite inside an {@link IconSprite}, the icon itself elsewhere
 * (a card rendered on its own). Either way an `svg` with lucide's classes, so the same styles size and colour it.
 */
export function SpriteIcon({ name, className }: { name: SpriteIconName; className?: string | undefined }) {
  const sprite = useContext(SpriteContext);
  const Icon = SPRITE_ICONS[name];
  if (sprite === null) return <Icon aria-hidden="true" className={className} />;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className={cn("lucide", `lucide-${name}`, className)}>
      <use href={`#${sprite}-${name}`} />
    </svg>
  );
}
