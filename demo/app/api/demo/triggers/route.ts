import { DEMO_AGENT } from "@/lib/catalog";
import { demo } from "@/lib/planner";
import { sampleEvent, sampleLabel, type SimulatableTrigger } from "@/lib/samples";

export const dynamic = "force-dynamic";

/** The agent's triggers with a sample event each, for the Simulate event panel. */
export async function GET(): Promise<Response> {
  const { triggers } = await demo.store.get(DEMO_AGENT.id);
  const sandbox = demo.sandbox ? await demo.sandbox.ready() : null;
  const items: SimulatableTrigger[] = triggers.map((trigger) => {
    const slug = trigger.source.triggerSlug;
    // Stamped with the trigger's creation time so the sample stays put between polls.
    const ours = sampleEvent(slug, new Date(trigger.createdAt));
    const fixture = sandbox?.state.samples.get(slug)?.[0]?.delivery.data ?? {};
    return {
      id: trigger.id,
      name: trigger.name,
      toolkit: trigger.source.toolkit,
      triggerSlug: slug,
      enabled: trigger.enabled,
      connected: Boolean(trigger.composioTriggerId),
      label: sampleLabel(slug),
      sample: Object.keys(ours).length > 0 ? ours : fixture,
    };
  });
  return Response.json({ sandbox: Boolean(demo.sandbox), items }, { headers: { "cache-control": "no-store" } });
}
