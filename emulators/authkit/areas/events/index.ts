import type { Area } from "../../http/routes.ts";
import { listEvents } from "./list-events.ts";

export const eventsArea: Area = {
  name: "events",
  register(r) {
    r.api("GET", "/events", listEvents);
  },
};
