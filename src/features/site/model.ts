export const contactTopics = {
  booking: 'A booking',
  accessibility: 'Accessibility',
  refund: 'Refunds and cancellations',
  feedback: 'Feedback about the site',
  other: 'Something else',
} as const;

export type ContactInput = {
  name: string;
  email: string;
  topic: keyof typeof contactTopics;
  message: string;
};

export type ContactMessage = {
  id: string;
  name: string;
  email: string;
  topic: string;
  message: string;
  receivedAt: string;
};

/**
 * One page of contact messages, newest first: `before` is the cursor it was asked for (none for the newest),
 * `older` the cursor of the next, older page when there is one.
 */
export type ContactPage = {
  messages: ContactMessage[];
  before: string | undefined;
  older: string | undefined;
};
