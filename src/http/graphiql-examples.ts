/**
 * The document GraphiQL opens with: one named operation per common task. Pick one with the run
 * button's menu. The site id comes from configuration (the embedded simulator's main Best Practice
 * fixture when it runs); without one, a placeholder to replace with one of your sites.
 */
export function graphiqlExamples(siteId?: string): string {
  const site = siteId ?? '00000000-0000-0000-0000-000000000000';
  return `# halo-graphql: examples. Press the run button and pick an operation.
# ${siteId ? `Site ${site} is a Best Practice site of this deployment` : `Replace ${site} with one of your sites (find them with SiteLookup)`}.

query SiteLookup {
  sites(pmsSiteId: "10001", pms: BEST_PRACTICE) {
    id practiceName availability status authoritative haloLinkVersion
    catalogues { name isDefault }
  }
}

# Named queries: typed rows from the catalogue's SQL (no SQL in the request; the read permission
# is enough). A day's appointment book, times of day as LocalTime:
query AppointmentBook($day: Date! = "2026-03-02") {
  site(id: "${site}") {
    practiceName
    appointments(from: $day, to: $day) {
      startTime durationMinutes patientName provider status type urgent
    }
  }
}

query FindPatient {
  site(id: "${site}") {
    patientsByName(surname: "Smi", limit: 5) { patientId title firstname surname dob sex medicareNo ihi }
  }
}

# One patient's summary: four named queries, four Halo calls, one round trip.
query PatientSummary($patientId: Int! = 5) {
  site(id: "${site}") {
    patientRecord(patientId: $patientId) { title firstname surname dob }
    conditions(patientId: $patientId) { year condition status }
    currentMedications(patientId: $patientId) { drugName longTerm }
    immunisations(patientId: $patientId) { givenDate vaccineName }
  }
}

# Several practices in one operation: each answers (or fails) on its own; @stream sends each as it is ready.
query SeveralPractices {
  sitesByIds(ids: ["${site}"]) @stream(initialCount: 0) {
    practiceName
    providers { title firstname surname providerNo }
  }
}

# Live over WebSocket: the day's book at once, then again each time it changes at the practice
# (one Halo registered query serves every subscriber of the same day).
subscription AppointmentBookLive($day: Date! = "2026-03-02") {
  appointmentsChanged(siteId: "${site}", from: $day, to: $day) { startTime patientName provider status }
}

# Raw SQL (needs the sql permission when client auth is on).
mutation ImmediateQuery {
  runImmediateQuery(input: {
    siteId: "${site}"
    sql: "SELECT TOP 10 InternalID, Firstname, Surname, DOB FROM BPS_Patients WHERE StatusText = 'Active' ORDER BY InternalID DESC"
  }) {
    id status rowCount sqlExecutionDurationMs
    rows
    error { type code message }
  }
}

mutation ImmediateQueryWithParameters {
  runImmediateQuery(input: {
    siteId: "${site}"
    sql: "SELECT [InternalID], [Firstname], [Surname] FROM [dbo].[BPS_Patients] WHERE [Surname] LIKE @prefix + '%'"
    parameters: [{ name: "@prefix", type: VarChar, value: "Sm" }]
  }) { status rowCount rows }
}

# Halo bills every query: run this twice within a minute and the second answer is the first one
# again (reused: true), not a new billed query. SiteUsage counts the month's billed queries.
mutation ReusedQuery {
  runImmediateQuery(input: {
    siteId: "${site}"
    sql: "SELECT COUNT(*) AS activePatients FROM BPS_Patients WHERE StatusText = 'Active'"
    maxAgeSeconds: 60
  }) { id reused rows }
}

query SiteUsage {
  site(id: "${site}") { usage { month billedQueries budget remaining } }
}

mutation SubmitAsyncQuery {
  submitAsyncQuery(input: {
    siteId: "${site}"
    sql: "SELECT InternalID, Surname, Firstname, DOB, Postcode FROM BPS_Patients"
  }) { id status createdAt }
}

# Paste the id from SubmitAsyncQuery. Run again to see it move; stream the rows page by page.
query AsyncQueryStatus($queryId: ID! = "00000000-0000-4000-8000-000000000000") {
  sqlQuery(siteId: "${site}", id: $queryId) {
    status isTerminal timings { phase startTime endTime }
    pages { pageNumber status rowCount rangeStart rangeEnd }
    rows @stream(initialCount: 5)
  }
}

# Live over WebSocket: paste the id from SubmitAsyncQuery. The current status at once, then every
# change (and page progress) until the query is done.
subscription AsyncQueryStatusLive($queryId: ID! = "00000000-0000-4000-8000-000000000000") {
  queryStatusChanged(siteId: "${site}", queryId: $queryId) {
    status isTerminal rowCount updatedAt
    timings { phase startTime endTime }
    pages { pageNumber status rowCount }
  }
}

mutation WatchNewAppointments {
  createRegisteredQuery(input: {
    siteId: "${site}"
    name: "Booked appointments"
    sql: "SELECT COUNT(*) AS Booked FROM BPS_Appointments WHERE Status = 'Booked'"
    frequencySeconds: 60
    durationSeconds: 3600
  }) { id status lastHash result { rows } }
}

# Live: paste the id from WatchNewAppointments. The current result at once, then each new one.
subscription RegisteredQueryWatch($queryId: ID! = "00000000-0000-4000-8000-000000000000") {
  registeredQueryResultChanged(siteId: "${site}", queryId: $queryId) {
    hash previousHash
    query { name status lastHash metrics { executionSucceededCount } }
    result { rowCount columns rows }
  }
}

# FHIR Patient search, 10 at a time: pass pageInfo.endCursor as $after for the next page.
query PatientSearch($after: String) {
  patients(siteId: "${site}", search: { name: ["smi"] }, first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id fhirId name { family given } gender birthDate } }
  }
}
`;
}
