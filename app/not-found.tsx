import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md rounded-lg border border-border bg-panel p-8 text-center">
      <h1 className="text-base font-semibold">Nothing here</h1>
      <p className="mt-2 text-muted">
        This project, artifact, version or run does not exist, or was renamed. Check the address, or start again from the list of projects.
      </p>
      <Link href="/" className="mt-4 inline-block text-accent hover:underline">
        Go to all projects
      </Link>
    </div>
  );
}
