export async function register() {
  // Only in the Node.js runtime: the planner needs the file system and timers, which the Edge runtime lacks.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { demo } = await import("./lib/planner");
    await demo.start();
    const stop = (signal: NodeJS.Signals) => {
      console.log(`\n${signal}: stopping the planner (waiting for runs in progress)…`);
      demo.stop().then(
        () => {
          // scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE so that Next leaves the exit to us, after the planner
          // stopped; run directly with `next start`, Next's own handler exits.
          if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(signal === "SIGINT" ? 130 : 143);
        },
        (error: unknown) => {
          console.error("The planner did not stop cleanly:", error);
          if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(1);
        },
      );
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
}
