/** The Venue port every venue implements, and the event factory both use. */
export { VENUE_REQUEST_CODES, venueReason, type Venue, type VenueOrderEvent } from './venue';
export { VenueEvents, type Execution } from './venue-events';
