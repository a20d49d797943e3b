export type { Venue, VenueEvent, VenueOrder } from './venue';
