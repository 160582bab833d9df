import { AppError } from '../../platform/errors';

/** The message for a selection the rules refuse (`validateSelection`'s reason), naming its seats. */
export function selectionError(reason: string, seats: string[], max: number): AppError {
  const list = seats.join(', ');
  const messages: Record<string, string> = {
    empty: 'Choose at least one seat.',
    too_many: `You can book at most ${max} seats in one order.`,
    unknown_seat: `There is no seat ${list} in this screen.`,
    duplicate: `Seat ${list} was chosen twice.`,
    taken: `${list} ${seats.length === 1 ? 'is' : 'are'} no longer available. Please choose again.`,
    isolated: `That choice would leave ${list} as a single empty seat. Please move your selection or include ${seats.length === 1 ? 'it' : 'them'}.`,
  };
  return new AppError(
    reason === 'taken' ? 'conflict' : 'bad_request',
    messages[reason] ?? 'Please choose again.',
    {
      seats: list,
    },
  );
}
