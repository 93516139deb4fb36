import { ConvexReactClient } from "convex/react";

let client: { url: string; instance: ConvexReactClient } | null = null;

/**
 * One Convex client for the whole visit, created the first time a signed-in page needs it (the
 * Convex client is not part of the first download: see README "Bundle budget").
 */
export function getConvexClient(url: string): ConvexReactClient {
  if (client === null || client.url !== url) {
    client = { url, instance: new ConvexReactClient(url) };
  }
  return client.instance;
}
