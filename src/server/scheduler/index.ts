export { createInProcessScheduler, type InProcessScheduler, type InProcessSchedulerOptions } from "./in-process";
export { MAX_TIMER_DELAY_MS, type SchedulerTimers } from "./timers";
export { INTERRUPTED_MESSAGE } from "./recovery";
