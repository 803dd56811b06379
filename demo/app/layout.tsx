import type { Metadata } from "next";
import type { ReactNode } from "react";
import "agent-planner/styles.css";
import "./demo.css";

export const metadata: Metadata = {
  title: "Job Application Agent · Agent Planner demo",
  description: "A demo host for Agent Planner: scheduled jobs and event triggers for a chat agent.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
