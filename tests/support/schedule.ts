import type { BatchRequest } from '../../src/features/schedule/service';

/*
 * What scheduling tests share: a batch as the form on /admin/showtimes sends it.
 */

/** A batch as the fields of the schedule form, with the button pressed (`preview` or `create`). */
export const batchFields = (request: BatchRequest, action: 'preview' | 'create'): [string, string][] => [
  ['theater', request.theaterId],
  ['screen', request.screenId],
  ['movie', request.movieId],
  ['from', request.from],
  ['to', request.to],
  ...request.weekdays.map((day): [string, string] => ['weekdays', String(day)]),
  ['times', request.times.join(', ')],
  ['language', request.language],
  ['format', request.format],
  ['priceCard', request.priceCardId],
  ...(request.access?.subtitles ? [['subtitles', request.access.subtitles] as [string, string]] : []),
  ...(request.access?.captions ? [['captions', 'yes'] as [string, string]] : []),
  ...(request.access?.audioDescription ? [['audioDescription', 'yes'] as [string, string]] : []),
  ['action', action],
];
