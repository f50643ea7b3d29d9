import { useChat } from '../use-chat';

export function AnnouncementBanner() {
  const [{ announcement }, store] = useChat();
  if (!announcement) return null;
  return (
    <div class="announcement" role="status" data-testid="announcement">
      <span>{announcement.text}</span>
      <button type="button" aria-label="Dismiss" onClick={() => store.dismissAnnouncement()}>
        ×
      </button>
    </div>
  );
}
