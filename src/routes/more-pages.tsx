import { Route, Routes } from "react-router-dom";
import { lazyPage } from "./lazy-page";

// Each page is still fetched when first visited.
const Members = lazyPage(() => import("./members"));
const NewOrganization = lazyPage(() => import("./new-organization"));
const OrganizationSettings = lazyPage(() => import("./organization-settings"));
const Invite = lazyPage(() => import("./invite"));
const NotFound = lazyPage(() => import("./not-found"));
const SsoSignIn = lazyPage(() => import("./sso-sign-in"));

/**
 * The route table of the pages that are not in the first download's table (app-routes.tsx): every
 * route there costs the first page its share of Vite's preload list, and that page is at its
 * budget (README, "Bundle budget"). AppRoutes sends whatever it does not route itself here, both
 * inside `/app` (`inApp`: under the signed-in layout and its guard) and outside it; paths are
 * relative to where it is mounted. Whatever no table routes is not found.
 */
export default function MorePages({ inApp = false }: { inApp?: boolean }) {
  return inApp ? (
    <Routes>
      <Route path="members" element={<Members />} />
      <Route path="organizations/new" element={<NewOrganization />} />
      <Route path="organization" element={<OrganizationSettings />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  ) : (
    <Routes>
      <Route path="invite" element={<Invite />} />
      <Route path="sign-in/sso" element={<SsoSignIn />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
