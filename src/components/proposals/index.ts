"use client";

export { ProposalList, type ProposalListProps } from "./proposal-list";
export { ProposalCard, type ProposalCardProps } from "./proposal-card";
export type { ProposalItem } from "./types";
