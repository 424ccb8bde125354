import SDTMModel
import Testing

@testable import Mapping

private func siteDates() throws -> SiteDateParser {
    try SiteDateParser(formats: ["DD-MMM-YYYY", "MM/DD/YYYY", "YYYY-MM-DD"])
}

private func date(_ iso: String) -> SiteDateParser.Outcome {
    .date(ISODateTime(iso: iso)!)
}

// MARK: - Complete dates

@Test func readsDayMonthNameYear() throws {
    #expect(try siteDates().parse("14-MAR-2025") == date("2025-03-14"))
}

@Test func readsMonthNamesInAnyCaseAndIgnoresStraySpaces() throws {
    #expect(try siteDates().parse("14-mar-2025 ") == date("2025-03-14"))
    #expect(try siteDates().parse(" 14-Mar-2025") == date("2025-03-14"))
}

@Test func readsUSMonthDayYear() throws {
    #expect(try siteDates().parse("03/14/2025") == date("2025-03-14"))
}

@Test func readsISODates() throws {
    #expect(try siteDates().parse("2025-03-14") == date("2025-03-14"))
}

@Test func readsFebruary29thInALeapYear() throws {
    #expect(try siteDates().parse("2024-02-29") == date("2024-02-29"))
    #expect(try siteDates().parse("29-FEB-2024") == date("2024-02-29"))
}

// MARK: - Partial and unknown dates

@Test func unknownDayGivesYearAndMonth() throws {
    #expect(try siteDates().parse("UN-MAR-2025") == date("2025-03"))
}

@Test func unknownDayAndMonthGiveTheYear() throws {
    #expect(try siteDates().parse("UN-UNK-2025") == date("2025"))
}

@Test func unkAloneIsUnknownNotAnError() throws {
    #expect(try siteDates().parse("UNK") == .unknown)
}

@Test func everyPartUnknownIsUnknownNotAnError() throws {
    #expect(try siteDates().parse("UN-UNK-UNKN") == .unknown)
}

// MARK: - Impossible and unparseable

@Test func february30thIsImpossibleAndSaysFebruaryHas28Days() throws {
    let outcome = try siteDates().parse("30-FEB-2025")
    guard case .impossible(let why) = outcome else {
        Issue.record("expected impossible, got \(outcome)")
        return
    }
    #expect(why.contains("28 days"))
}

@Test func april31stIsImpossible() throws {
    let outcome = try siteDates().parse("31-APR-2025")
    guard case .impossible(let why) = outcome else {
        Issue.record("expected impossible, got \(outcome)")
        return
    }
    #expect(why.contains("30 days"))
}

@Test func dayFirstDateInTheUSFormatIsImpossibleBecauseThereIsNoMonth14() throws {
    let outcome = try siteDates().parse("14/03/2025")
    #expect(outcome == .impossible("there is no month 14"))
    if case .date = outcome { Issue.record("14/03/2025 must not be read as a date") }
}

@Test func freeTextIsUnparseable() throws {
    #expect(try siteDates().parse("March 14") == .unparseable)
}

@Test func unknownMonthNameIsUnparseable() throws {
    #expect(try siteDates().parse("14-MRZ-2025") == .unparseable)
}

@Test func twoDigitYearIsUnparseable() throws {
    #expect(try siteDates().parse("14-MAR-25") == .unparseable)
}

// MARK: - Formats

@Test func aFormatWithoutSeparatorIsRejected() {
    #expect(throws: Diagnostic.self) { try SiteDateParser(formats: ["YYYYMMDD"]) }
}

@Test func aFormatWithAnUnknownPartIsRejected() throws {
    let error = #expect(throws: Diagnostic.self) { try SiteDateParser(formats: ["DD-MON-YYYY"]) }
    #expect(error?.rule == "study.date-format")
}

// MARK: - Times

@Test func readsHoursAndMinutes() throws {
    let t = try #require(SiteDateParser.time("09:30"))
    #expect(t.hour == 9 && t.minute == 30 && t.second == nil)
}

@Test func readsSingleDigitHours() throws {
    let t = try #require(SiteDateParser.time("9:30"))
    #expect(t.hour == 9 && t.minute == 30)
}

@Test func readsSeconds() throws {
    let t = try #require(SiteDateParser.time("23:59:59"))
    #expect(t.hour == 23 && t.minute == 59 && t.second == 59)
}

@Test func rejectsHour24() {
    #expect(SiteDateParser.time("24:00") == nil)
}

@Test func rejectsTextThatIsNotATime() {
    #expect(SiteDateParser.time("ab") == nil)
    #expect(SiteDateParser.time("0930") == nil)
    #expect(SiteDateParser.time("09:60") == nil)
    #expect(SiteDateParser.time("") == nil)
}
