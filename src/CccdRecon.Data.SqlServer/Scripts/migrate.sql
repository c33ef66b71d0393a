IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [Batches] (
        [Id] nvarchar(64) NOT NULL,
        [DisplayName] nvarchar(512) NOT NULL,
        [FormsHash] nvarchar(512) NOT NULL,
        [State] int NOT NULL,
        [FormCount] bigint NOT NULL,
        [ReceivedCount] bigint NOT NULL,
        [ProcessedCount] bigint NOT NULL,
        [CleanCount] bigint NOT NULL,
        [ReviewCount] bigint NOT NULL,
        [NoMatchCount] bigint NOT NULL,
        [AmbiguousCount] bigint NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [StartedAt] bigint NULL,
        [CompletedAt] bigint NULL,
        CONSTRAINT [PK_Batches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [CleanRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [BatchId] nvarchar(64) NOT NULL,
        [FormId] nvarchar(64) NOT NULL,
        [RecordId] nvarchar(64) NOT NULL,
        [PersonalId] nvarchar(512) NULL,
        [OldId] nvarchar(32) NULL,
        [FullName] nvarchar(512) NOT NULL,
        [DateOfBirth] nvarchar(512) NULL,
        [Gender] nvarchar(512) NULL,
        [BirthPlace] nvarchar(512) NULL,
        [Hometown] nvarchar(512) NULL,
        [Ethnicity] nvarchar(512) NULL,
        [PermanentAddress] nvarchar(512) NULL,
        [FatherName] nvarchar(512) NULL,
        [MotherName] nvarchar(512) NULL,
        [Sources] nvarchar(512) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        CONSTRAINT [PK_CleanRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [RegistryRecords] (
        [RecordId] nvarchar(64) NOT NULL,
        [PersonalId] nvarchar(32) NULL,
        [OldId] nvarchar(32) NULL,
        [FullName] nvarchar(512) NOT NULL,
        [DateOfBirth] nvarchar(32) NULL,
        [Gender] nvarchar(32) NULL,
        [BirthPlace] nvarchar(512) NULL,
        [Hometown] nvarchar(512) NULL,
        [Ethnicity] nvarchar(512) NULL,
        [PermanentAddress] nvarchar(512) NULL,
        [FatherName] nvarchar(512) NULL,
        [MotherName] nvarchar(512) NULL,
        [UpdatedAt] bigint NOT NULL,
        CONSTRAINT [PK_RegistryRecords] PRIMARY KEY ([RecordId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [BatchForms] (
        [Id] bigint NOT NULL IDENTITY,
        [BatchId] nvarchar(64) NOT NULL,
        [FormId] nvarchar(64) NOT NULL,
        [PersonalId] nvarchar(512) NULL,
        [FullName] nvarchar(512) NULL,
        [DateOfBirth] nvarchar(512) NULL,
        [Gender] nvarchar(512) NULL,
        [BirthPlace] nvarchar(512) NULL,
        [Hometown] nvarchar(512) NULL,
        [Ethnicity] nvarchar(512) NULL,
        [PermanentAddress] nvarchar(512) NULL,
        [FatherName] nvarchar(512) NULL,
        [MotherName] nvarchar(512) NULL,
        [Processed] bit NOT NULL,
        CONSTRAINT [PK_BatchForms] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BatchForms_Batches_BatchId] FOREIGN KEY ([BatchId]) REFERENCES [Batches] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [BatchResults] (
        [Id] bigint NOT NULL IDENTITY,
        [BatchId] nvarchar(64) NOT NULL,
        [FormId] nvarchar(64) NOT NULL,
        [FormRowId] bigint NOT NULL,
        [Status] int NOT NULL,
        [RecordId] nvarchar(64) NULL,
        [Score] float NOT NULL,
        [NormalizationsJson] nvarchar(max) NOT NULL,
        [ExplanationJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_BatchResults] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BatchResults_Batches_BatchId] FOREIGN KEY ([BatchId]) REFERENCES [Batches] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [Discrepancies] (
        [Id] bigint NOT NULL IDENTITY,
        [ResultId] bigint NOT NULL,
        [Field] nvarchar(32) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [FormValue] nvarchar(512) NOT NULL,
        [RegistryValue] nvarchar(512) NOT NULL,
        [Suggestion] nvarchar(512) NOT NULL,
        [Reason] nvarchar(512) NOT NULL,
        CONSTRAINT [PK_Discrepancies] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Discrepancies_BatchResults_ResultId] FOREIGN KEY ([ResultId]) REFERENCES [BatchResults] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [ReviewCases] (
        [Id] bigint NOT NULL IDENTITY,
        [ResultId] bigint NOT NULL,
        [BatchId] nvarchar(64) NOT NULL,
        [FormId] nvarchar(64) NOT NULL,
        [State] int NOT NULL,
        [ClaimedBy] nvarchar(512) NULL,
        [ClaimedAt] bigint NULL,
        [CreatedAt] bigint NOT NULL,
        [ResolvedAt] bigint NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_ReviewCases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReviewCases_BatchResults_ResultId] FOREIGN KEY ([ResultId]) REFERENCES [BatchResults] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE TABLE [FieldDecisions] (
        [Id] bigint NOT NULL IDENTITY,
        [CaseId] bigint NOT NULL,
        [Field] nvarchar(32) NOT NULL,
        [Action] int NOT NULL,
        [Value] nvarchar(512) NULL,
        [Reviewer] nvarchar(512) NOT NULL,
        [DecidedAt] bigint NOT NULL,
        [Note] nvarchar(2000) NULL,
        CONSTRAINT [PK_FieldDecisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FieldDecisions_ReviewCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [ReviewCases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_Batches_FormsHash] ON [Batches] ([FormsHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_Batches_State] ON [Batches] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BatchForms_BatchId_FormId] ON [BatchForms] ([BatchId], [FormId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_BatchForms_BatchId_Processed_Id] ON [BatchForms] ([BatchId], [Processed], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BatchResults_BatchId_FormId] ON [BatchResults] ([BatchId], [FormId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_BatchResults_BatchId_FormRowId] ON [BatchResults] ([BatchId], [FormRowId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_BatchResults_BatchId_Status_FormRowId] ON [BatchResults] ([BatchId], [Status], [FormRowId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CleanRecords_BatchId_FormId] ON [CleanRecords] ([BatchId], [FormId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_CleanRecords_BatchId_Id] ON [CleanRecords] ([BatchId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_Field_Kind] ON [Discrepancies] ([Field], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_ResultId] ON [Discrepancies] ([ResultId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_FieldDecisions_CaseId] ON [FieldDecisions] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_BatchId_State] ON [ReviewCases] ([BatchId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReviewCases_ResultId] ON [ReviewCases] ([ResultId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122163453_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122163453_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    ALTER TABLE [Batches] ADD [Unit] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    CREATE TABLE [AuditEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [OccurredAt] bigint NOT NULL,
        [Subject] nvarchar(512) NOT NULL,
        [Role] nvarchar(64) NOT NULL,
        [Units] nvarchar(512) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [Targets] nvarchar(max) NOT NULL,
        [TraceId] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_AuditEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    CREATE INDEX [IX_Batches_Unit] ON [Batches] ([Unit]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_Action_Id] ON [AuditEvents] ([Action], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_OccurredAt] ON [AuditEvents] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_Subject_Id] ON [AuditEvents] ([Subject], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    EXEC(N'CREATE TRIGGER AuditEvents_AppendOnly ON AuditEvents INSTEAD OF UPDATE, DELETE AS THROW 50001, ''the audit trail is append-only'', 1;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122170119_AccessAudit'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122170119_AccessAudit', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202004357_BatchModel'
)
BEGIN
    ALTER TABLE [Batches] ADD [ModelJson] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202004357_BatchModel'
)
BEGIN
    ALTER TABLE [Batches] ADD [ModelVersion] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202004357_BatchModel'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202004357_BatchModel', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    DROP INDEX [IX_ReviewCases_BatchId_State] ON [ReviewCases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    DROP INDEX [IX_FieldDecisions_CaseId] ON [FieldDecisions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    DROP INDEX [IX_Discrepancies_ResultId] ON [Discrepancies];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [Flags] nvarchar(512) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [Kind] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [Link] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [LinkId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [RecordId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [SortKey] nvarchar(256) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [Unit] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [FieldDecisions] ADD [BulkId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [FieldDecisions] ADD [LinkId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    ALTER TABLE [Discrepancies] ADD [LinkId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE TABLE [BulkDecisions] (
        [Id] bigint NOT NULL IDENTITY,
        [Unit] nvarchar(32) NULL,
        [BatchId] nvarchar(64) NULL,
        [Field] nvarchar(32) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Action] int NOT NULL,
        [Supersedes] bigint NULL,
        [Reviewer] nvarchar(512) NOT NULL,
        [CreatedAt] bigint NOT NULL,
        [Note] nvarchar(2000) NULL,
        [AppliedCount] bigint NOT NULL,
        CONSTRAINT [PK_BulkDecisions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE TABLE [CaseTallies] (
        [BatchId] nvarchar(64) NOT NULL,
        [Kind] int NOT NULL,
        [State] int NOT NULL,
        [Field] nvarchar(32) NOT NULL,
        [DiffKind] nvarchar(32) NOT NULL,
        [Count] bigint NOT NULL,
        CONSTRAINT [PK_CaseTallies] PRIMARY KEY ([BatchId], [Kind], [State], [Field], [DiffKind]),
        CONSTRAINT [FK_CaseTallies_Batches_BatchId] FOREIGN KEY ([BatchId]) REFERENCES [Batches] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE TABLE [LinkDecisions] (
        [Id] bigint NOT NULL IDENTITY,
        [CaseId] bigint NOT NULL,
        [Action] int NOT NULL,
        [RecordId] nvarchar(64) NULL,
        [Reviewer] nvarchar(512) NOT NULL,
        [DecidedAt] bigint NOT NULL,
        [Note] nvarchar(2000) NULL,
        CONSTRAINT [PK_LinkDecisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LinkDecisions_ReviewCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [ReviewCases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_BatchId_FormId] ON [ReviewCases] ([BatchId], [FormId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_BatchId_State_Id] ON [ReviewCases] ([BatchId], [State], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_BatchId_State_SortKey_Id] ON [ReviewCases] ([BatchId], [State], [SortKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_ClaimedAt] ON [ReviewCases] ([ClaimedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_State_Id] ON [ReviewCases] ([State], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_State_SortKey_Id] ON [ReviewCases] ([State], [SortKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_Unit_State_Id] ON [ReviewCases] ([Unit], [State], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_Unit_State_SortKey_Id] ON [ReviewCases] ([Unit], [State], [SortKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_FieldDecisions_BulkId] ON [FieldDecisions] ([BulkId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_FieldDecisions_CaseId_Field] ON [FieldDecisions] ([CaseId], [Field]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_ResultId_Field_Kind] ON [Discrepancies] ([ResultId], [Field], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_BulkDecisions_Unit_Id] ON [BulkDecisions] ([Unit], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_LinkDecisions_CaseId] ON [LinkDecisions] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'UPDATE ReviewCases SET State = 1 WHERE State = 2');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'UPDATE ReviewCases SET Kind = 1');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'UPDATE ReviewCases SET Unit = COALESCE((SELECT b.Unit FROM Batches b WHERE b.Id = ReviewCases.BatchId), '''')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'UPDATE ReviewCases SET RecordId = (SELECT r.RecordId FROM BatchResults r WHERE r.Id = ReviewCases.ResultId)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'INSERT INTO ReviewCases (ResultId, BatchId, FormId, State, CreatedAt, Version, Kind, Unit, SortKey)
    SELECT r.Id, r.BatchId, r.FormId, 1, b.CreatedAt, 0, CASE WHEN r.Status = 3 THEN 2 ELSE 3 END, b.Unit, ''''
    FROM BatchResults r JOIN Batches b ON b.Id = r.BatchId
    WHERE r.Status IN (2, 3) AND NOT EXISTS (SELECT 1 FROM ReviewCases c WHERE c.ResultId = r.Id)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
    SELECT c.BatchId, c.Kind, c.State, '''', '''', COUNT(*) FROM ReviewCases c GROUP BY c.BatchId, c.Kind, c.State');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
    SELECT c.BatchId, c.Kind, c.State, d.Field, d.Kind, COUNT(*)
    FROM ReviewCases c JOIN Discrepancies d ON d.ResultId = c.ResultId
    GROUP BY c.BatchId, c.Kind, c.State, d.Field, d.Kind');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    EXEC(N'INSERT INTO CaseTallies (BatchId, Kind, State, Field, DiffKind, Count)
    SELECT t.BatchId, t.Kind, 4 - t.State, t.Field, t.DiffKind, 0 FROM CaseTallies t
    WHERE NOT EXISTS (SELECT 1 FROM CaseTallies u WHERE u.BatchId = t.BatchId AND u.Kind = t.Kind AND u.State = 4 - t.State
        AND u.Field = t.Field AND u.DiffKind = t.DiffKind)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013846_ReviewConsole'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202013846_ReviewConsole', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [RegistryRecords] ADD [Version] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [LeaseExpiresAt] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [LeaseOwner] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [ProcessedThrough] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    EXEC(N'UPDATE b SET ProcessedThrough = COALESCE((SELECT MIN(f.Id) - 1 FROM BatchForms AS f WHERE f.BatchId = b.Id AND f.Processed = 0), (SELECT MAX(f.Id) FROM BatchForms AS f WHERE f.BatchId = b.Id), 0) FROM Batches AS b;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    DROP INDEX [IX_BatchForms_BatchId_Processed_Id] ON [BatchForms];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[BatchForms]') AND [c].[name] = N'Processed');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [BatchForms] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [BatchForms] DROP COLUMN [Processed];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    CREATE TABLE [StoreVersions] (
        [Name] nvarchar(64) NOT NULL,
        [Value] bigint NOT NULL,
        CONSTRAINT [PK_StoreVersions] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'Value') AND [object_id] = OBJECT_ID(N'[StoreVersions]'))
        SET IDENTITY_INSERT [StoreVersions] ON;
    EXEC(N'INSERT INTO [StoreVersions] ([Name], [Value])
    VALUES (N''registry'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'Value') AND [object_id] = OBJECT_ID(N'[StoreVersions]'))
        SET IDENTITY_INSERT [StoreVersions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    CREATE INDEX [IX_RegistryRecords_Version] ON [RegistryRecords] ([Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    CREATE INDEX [IX_BatchForms_BatchId_Id] ON [BatchForms] ([BatchId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202033311_LeasesAndRegistryVersions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202033311_LeasesAndRegistryVersions', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060542_RegistryResidence'
)
BEGIN
    ALTER TABLE [RegistryRecords] ADD [ResidenceProvince] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060542_RegistryResidence'
)
BEGIN
    CREATE INDEX [IX_RegistryRecords_ResidenceProvince] ON [RegistryRecords] ([ResidenceProvince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060542_RegistryResidence'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202060542_RegistryResidence', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202082101_CaseCommune'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [Commune] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202082101_CaseCommune'
)
BEGIN
    ALTER TABLE [ReviewCases] ADD [CommuneKey] nvarchar(160) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202082101_CaseCommune'
)
BEGIN
    CREATE INDEX [IX_ReviewCases_BatchId_CommuneKey_Commune_Kind] ON [ReviewCases] ([BatchId], [CommuneKey], [Commune], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202082101_CaseCommune'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202082101_CaseCommune', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202132531_PackedExplanation'
)
BEGIN
    ALTER TABLE [BatchResults] ADD [PackedExplanation] varbinary(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202132531_PackedExplanation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202132531_PackedExplanation', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203144646_ResultIndexUpkeep'
)
BEGIN
    DROP INDEX [IX_ReviewCases_BatchId_FormId] ON [ReviewCases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203144646_ResultIndexUpkeep'
)
BEGIN
    DROP INDEX [IX_BatchResults_BatchId_FormId] ON [BatchResults];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203144646_ResultIndexUpkeep'
)
BEGIN
    DROP INDEX [IX_BatchResults_BatchId_FormRowId] ON [BatchResults];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203144646_ResultIndexUpkeep'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BatchResults_BatchId_FormRowId] ON [BatchResults] ([BatchId], [FormRowId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203144646_ResultIndexUpkeep'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203144646_ResultIndexUpkeep', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203172707_QueueSortKeyDense'
)
BEGIN
    UPDATE ReviewCases SET SortKey = ''
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203172707_QueueSortKeyDense'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203172707_QueueSortKeyDense', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204073015_BatchForeignKeysDropped'
)
BEGIN
    ALTER TABLE [BatchForms] DROP CONSTRAINT [FK_BatchForms_Batches_BatchId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204073015_BatchForeignKeysDropped'
)
BEGIN
    ALTER TABLE [BatchResults] DROP CONSTRAINT [FK_BatchResults_Batches_BatchId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204073015_BatchForeignKeysDropped'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204073015_BatchForeignKeysDropped', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204165716_CaseIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_ReviewCases_ClaimedAt] ON [ReviewCases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204165716_CaseIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_ReviewCases_State_Id] ON [ReviewCases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204165716_CaseIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_ReviewCases_State_SortKey_Id] ON [ReviewCases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204165716_CaseIndexesTrimmed'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_ReviewCases_ClaimedAt] ON [ReviewCases] ([ClaimedAt]) WHERE "ClaimedAt" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204165716_CaseIndexesTrimmed'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204165716_CaseIndexesTrimmed', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204193652_ResultStatusIndexFiltered'
)
BEGIN
    DROP INDEX [IX_BatchResults_BatchId_Status_FormRowId] ON [BatchResults];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204193652_ResultStatusIndexFiltered'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_BatchResults_BatchId_Status_FormRowId] ON [BatchResults] ([BatchId], [Status], [FormRowId]) WHERE "Status" <> 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204193652_ResultStatusIndexFiltered'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204193652_ResultStatusIndexFiltered', N'10.0.14');
END;

COMMIT;
GO

