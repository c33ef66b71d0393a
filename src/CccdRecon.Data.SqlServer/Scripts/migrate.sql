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
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [RegistryRecords] ADD [Version] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [LeaseExpiresAt] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [LeaseOwner] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    ALTER TABLE [Batches] ADD [ProcessedThrough] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    EXEC(N'UPDATE b SET ProcessedThrough = COALESCE((SELECT MAX(f.Id) FROM BatchForms AS f WHERE f.BatchId = b.Id AND f.Processed = 1), 0) FROM Batches AS b;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    DROP INDEX [IX_BatchForms_BatchId_Processed_Id] ON [BatchForms];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
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
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
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
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
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
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    CREATE INDEX [IX_RegistryRecords_Version] ON [RegistryRecords] ([Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    CREATE INDEX [IX_BatchForms_BatchId_Id] ON [BatchForms] ([BatchId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202002417_LeasesAndRegistryVersions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202002417_LeasesAndRegistryVersions', N'10.0.14');
END;

COMMIT;
GO

