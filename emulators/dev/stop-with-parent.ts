/**
 * Loaded into every child `npm run dev` starts (Vite, `convex dev`): the child stops once this
 * process is gone, however that happened (an uncaught error, or the SIGKILL the tsx CLI sends
 * when this process is slow to acknowledge a relayed Ctrl-C), instead of living on for no one.
 */
export const STOP_WITH_PARENT =
  'data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.kill(process.pid,"SIGTERM")},250).unref()';
