using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Intake;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The sources of an intake record's fields as stored: one letter a field in a fixed order, and the
/// <c>field=source</c> pairs of rows written before the letters still read.
/// </summary>
public sealed class CleanRecordSourcesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_stored_order_is_the_one_rows_were_written_in_and_holds_every_person_field()
    {
        // Stored rows hold a letter at each of these positions: a reorder would give their sources to other fields.
        Assert.Equal(
            ["personal_id", "old_id", "full_name", "date_of_birth", "gender", "birth_place", "hometown", "ethnicity",
             "permanent_address", "father_name", "mother_name"],
            CleanRecords.StoredFieldOrder.Take(11));
        // A new person field must be appended to the order, or its source would be lost.
        Assert.Empty(PersonFields.OfRecord.Except(CleanRecords.StoredFieldOrder));
    }

    [Fact]
    public void A_match_stores_a_letter_a_field_and_reads_back_each_source()
    {
        var record = StoreData.Record(1);
        var row = CleanRecords.FromMatch("b1", StoreData.FormFor(record, "F1"), record, Now);

        // Registry identity, the form's residence, no hometown, ethnicity or old id in this record.
        Assert.Equal("r-rrrr--frr", row.Sources);
        var sources = CleanRecords.ToIntakeRecord(row).Sources;
        Assert.Equal(
            [
                new FieldProvenance(PersonFields.PersonalId, ValueSource.Registry),
                new FieldProvenance(PersonFields.FullName, ValueSource.Registry),
                new FieldProvenance(PersonFields.DateOfBirth, ValueSource.Registry),
                new FieldProvenance(PersonFields.Gender, ValueSource.Registry),
                new FieldProvenance(PersonFields.BirthPlace, ValueSource.Registry),
                new FieldProvenance(PersonFields.PermanentAddress, ValueSource.Form),
                new FieldProvenance(PersonFields.FatherName, ValueSource.Registry),
                new FieldProvenance(PersonFields.MotherName, ValueSource.Registry),
            ],
            sources);
    }

    [Fact]
    public void A_reviewers_decisions_are_stored_as_their_sources()
    {
        var record = StoreData.Record(2);
        var form = StoreData.FormFor(record, "F2");
        DiscrepancyRow[] flags = [new() { Field = PersonFields.FullName, Kind = "missing_middle_name", FormValue = form.FullName! }];
        FieldDecisionRow[] decisions =
        [
            new() { Id = 1, Field = PersonFields.FullName, Action = DecisionKind.TakeForm, Reviewer = "r1" },
            new() { Id = 2, Field = PersonFields.FatherName, Action = DecisionKind.Correct, Value = "Nguyễn Văn Thanh", Reviewer = "r1" },
            new() { Id = 3, Field = PersonFields.PermanentAddress, Action = DecisionKind.TakeForm, Reviewer = "r1" },
        ];

        var intake = CleanRecords.ToIntakeRecord(CleanRecords.FromReview("b1", form, record, flags, decisions, Now));

        Assert.Equal(("Nguyễn Hoà", "Nguyễn Văn Thanh", form.PermanentAddress), (intake.Record.FullName, intake.Record.FatherName, intake.Record.PermanentAddress));
        Assert.Equal(ValueSource.Form, intake.Sources.Single(s => s.Field == PersonFields.FullName).Source);
        Assert.Equal(ValueSource.Reviewer, intake.Sources.Single(s => s.Field == PersonFields.FatherName).Source);
        Assert.Equal(ValueSource.Form, intake.Sources.Single(s => s.Field == PersonFields.PermanentAddress).Source);
        Assert.Equal(ValueSource.Registry, intake.Sources.Single(s => s.Field == PersonFields.DateOfBirth).Source);
    }

    [Fact]
    public void A_row_written_before_the_letters_reads_its_pairs()
    {
        var row = Row("personal_id=registry;full_name=reviewer;permanent_address=form;mother_name=archive");

        Assert.Equal(
            [
                new FieldProvenance(PersonFields.PersonalId, ValueSource.Registry),
                new FieldProvenance(PersonFields.FullName, ValueSource.Reviewer),
                new FieldProvenance(PersonFields.PermanentAddress, ValueSource.Form),
                new FieldProvenance(PersonFields.MotherName, ValueSource.Unknown),
            ],
            CleanRecords.ToIntakeRecord(row).Sources);
    }

    [Fact]
    public void A_damaged_pair_without_its_separator_reads_as_a_field_of_unknown_source()
    {
        var row = Row("personal_id=registry;full_name;mother_name=form");

        Assert.Equal(
            [
                new FieldProvenance(PersonFields.PersonalId, ValueSource.Registry),
                new FieldProvenance(PersonFields.FullName, ValueSource.Unknown),
                new FieldProvenance(PersonFields.MotherName, ValueSource.Form),
            ],
            CleanRecords.ToIntakeRecord(row).Sources);
    }

    [Fact]
    public void A_letter_this_version_does_not_know_reads_as_unknown_and_a_shorter_row_as_no_source()
    {
        // A later version's source letter, and a row written before a field was appended to the order.
        Assert.Equal(
            [new FieldProvenance(PersonFields.PersonalId, ValueSource.Unknown), new FieldProvenance(PersonFields.FullName, ValueSource.Registry)],
            CleanRecords.ToIntakeRecord(Row("x-r")).Sources);
        Assert.Empty(CleanRecords.ToIntakeRecord(Row("")).Sources);
    }

    private static CleanRecordRow Row(string sources) => new()
    {
        BatchId = "b1",
        FormId = "F1",
        RecordId = "R0001",
        Person = PersonColumns.Of(StoreData.Record(1)),
        Sources = sources,
    };
}
