import type { Metadata } from "next";
import type { ReactNode } from "react";
import "agent-planner/styles.css";
import "./demo.css";
import { THEME_SCRIPT, ZONE_SCRIPT } from "./theme";

export const metadata: Metadata = {
  title: "Job Application Agent · Agent Planner demo",
  description: "A demo host for Agent Planner: scheduled jobs and event triggers for a chat agent.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets `.dark` on <html> before hydration: its class may differ from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT + ZONE_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
