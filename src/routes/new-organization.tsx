import { useNavigate } from "react-router-dom";
import { CreateOrganizationForm } from "../features/organizations/create-organization-form";

/** `/app/organizations/new`: create an organization (reached from the organization switcher). */
export default function NewOrganizationPage() {
  const navigate = useNavigate();
  return (
    <main id="main" tabIndex={-1} className="page page-narrow">
      <h1>Create an organization</h1>
      <p className="lead">You become its admin and can invite people to it.</p>
      <section className="card" aria-label="New organization">
        <CreateOrganizationForm onSwitched={() => void navigate("/app", { replace: true })} />
      </section>
    </main>
  );
}
