import { useCallback, useEffect, useId, useRef, useState, type FocusEvent } from "react";

/**
 * A button that shows and hides a panel (WAI-ARIA's disclosure pattern), with the ways out people
 * expect of a menu: Escape closes it and puts focus back on the button, and a click or focus
 * outside closes it. Spread `buttonProps` on the button, `panelProps` on the panel, and put both
 * inside the element given `containerProps`.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return {
    open,
    close,
    containerProps: {
      ref: containerRef,
      // Tabbing past the last item leaves the menu: an open panel nobody is in would cover the page.
      onBlur: (event: FocusEvent<HTMLDivElement>) => {
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget as Node)) setOpen(false);
      },
    },
    buttonProps: {
      ref: buttonRef,
      "aria-expanded": open,
      "aria-controls": panelId,
      onClick: () => setOpen((value) => !value),
    },
    panelProps: { id: panelId, hidden: !open },
  };
}
