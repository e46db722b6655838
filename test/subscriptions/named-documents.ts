/** Typed documents of the live named-query tests. */
import { graphql } from '../gql/index.js';

export const AppointmentsChanged = graphql(`
  subscription AppointmentsChanged($siteId: ID!, $from: Date!, $to: Date!, $provider: String) {
    appointmentsChanged(siteId: $siteId, from: $from, to: $to, provider: $provider) {
      patientId
      date
      startTime
      provider
      status
    }
  }
`);
