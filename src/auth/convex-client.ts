import { ConvexReactClient } from "convex/react";

let client: { url: string; instance: ConvexReactClient } | null = null;

/** One Convex client for the whole visit (main.tsx provides it to every page). */
export function getConvexClient(url: string): ConvexReactClient {
  if (client === null || client.url !== url) {
    client = { url, instance: new ConvexReactClient(url) };
  }
  return client.instance;
}
