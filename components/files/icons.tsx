/** Small stroke icons for the file tree; decorative, so hidden from screen readers. */
const base = { width: 16, height: 16, viewBox: "0 0 16 16", fill: "none", stroke: "currentColor", strokeWidth: 1.4, "aria-hidden": true } as const;

export function FolderIcon() {
  return (
    <svg {...base} className="shrink-0 text-accent">
      <path d="M1.75 4.25a1 1 0 0 1 1-1h3.3l1.4 1.5h5.8a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1z" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...base} className="shrink-0 text-muted">
      <path d="M4 1.75h5l3 3v9.5H4z M9 1.75v3h3" />
    </svg>
  );
}

export function LinkIcon() {
  return (
    <svg {...base} className="shrink-0 text-muted">
      <path d="M6.5 9.5l3-3 M7 4.5l1.3-1.3a2.5 2.5 0 0 1 3.5 3.5L10.5 8 M9 11.5l-1.3 1.3a2.5 2.5 0 0 1-3.5-3.5L5.5 8" />
    </svg>
  );
}
