using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMail.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialLeadDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppliedScoringRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreRules = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PriorityRules = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppliedScoringRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RepGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Turns = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntraObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    SyncEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TouchTallies",
                columns: table => new
                {
                    Span = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RepKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AutoLogged = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchTallies", x => new { x.Span, x.Start, x.RepKey, x.Channel, x.Direction, x.AutoLogged });
                });

            migrationBuilder.CreateTable(
                name: "AssignmentRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Interest = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MinScore = table.Column<double>(type: "REAL", nullable: true),
                    MaxScore = table.Column<double>(type: "REAL", nullable: true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: true),
                    RepGroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssignmentRules_RepGroups_RepGroupId",
                        column: x => x.RepGroupId,
                        principalTable: "RepGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssignmentRules_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MobilePhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Background = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FirstMetOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Interest = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PrioritySetByHand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    ScoreBase = table.Column<double>(type: "REAL", nullable: false),
                    OwnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    DoNotCall = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoNotEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    Unsubscribed = table.Column<bool>(type: "INTEGER", nullable: false),
                    NextFollowUpDue = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextFollowUpNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastTouchAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastInboundAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TouchesTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    OutboundSinceConnect = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstConnectAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TouchesBeforeConnect = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QuietSince = table.Column<DateTime>(type: "TEXT", nullable: false, computedColumnSql: "COALESCE([LastTouchAt], [CreatedAt])", stored: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 404, nullable: true),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true, computedColumnSql: "NULLIF(replace(replace(replace(replace(replace(replace(\"Phone\", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''), '')", stored: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Reps_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Imports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByManager = table.Column<bool>(type: "INTEGER", nullable: false),
                    FallbackOwnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DefaultSource = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DefaultFirstMetOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Overwrite = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Imports_Reps_ByRepId",
                        column: x => x.ByRepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MailboxSyncs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stream = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FolderId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FolderName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    FolderItemCount = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowEndsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCommitAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeltaLink = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    MidRound = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsSynced = table.Column<long>(type: "INTEGER", nullable: false),
                    TouchesRecorded = table.Column<long>(type: "INTEGER", nullable: false),
                    BackfillCompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resyncs = table.Column<int>(type: "INTEGER", nullable: false),
                    Nudges = table.Column<int>(type: "INTEGER", nullable: false),
                    NudgesSeen = table.Column<int>(type: "INTEGER", nullable: false),
                    NudgedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxSyncs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailboxSyncs_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MailSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GraphSubscriptionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClientStateHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    NotificationUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LifecycleNotificationUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RenewRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailSubscriptions_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RepGroupMembers",
                columns: table => new
                {
                    RepGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    RepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepGroupMembers", x => new { x.RepGroupId, x.RepId });
                    table.ForeignKey(
                        name: "FK_RepGroupMembers_RepGroups_RepGroupId",
                        column: x => x.RepGroupId,
                        principalTable: "RepGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepGroupMembers_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentChanges_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactEmails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    HistoryPending = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactEmails_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurvivorId = table.Column<int>(type: "INTEGER", nullable: false),
                    DuplicateId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DuplicateName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DuplicateEmails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FilledFields = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AddressesMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    TouchesMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    TouchesJoined = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpsMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    StageChangesMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignmentsMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionsMoved = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactMerges_Contacts_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: true),
                    AfterTouchAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletedByInteractionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HandOverRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedById = table.Column<int>(type: "INTEGER", nullable: false),
                    FromRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandOverRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandOverRequests_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Interactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    RepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SourceItemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NaturalKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsConnect = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentViolation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConsentOverrideReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OverFrequencyCap = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interactions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Interactions_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "OwnerAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: true),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnerAssignments_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromEnteredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageChanges_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TouchRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InteractionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByRepId = table.Column<int>(type: "INTEGER", nullable: true),
                    RepId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NewOccurredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewOutcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NewSubject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NewNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TouchRevisions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TouchRevisions_Reps_ByRepId",
                        column: x => x.ByRepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ImportRowBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Rows = table.Column<string>(type: "TEXT", nullable: false),
                    Actions = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRowBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportRowBatches_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportRowErrors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRowErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportRowErrors_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HistoryFetches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactEmailId = table.Column<int>(type: "INTEGER", nullable: false),
                    RepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NextLink = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ItemsRead = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoryFetches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HistoryFetches_ContactEmails_ContactEmailId",
                        column: x => x.ContactEmailId,
                        principalTable: "ContactEmails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HistoryFetches_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_Position",
                table: "AssignmentRules",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_RepGroupId",
                table: "AssignmentRules",
                column: "RepGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentRules_RepId",
                table: "AssignmentRules",
                column: "RepId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_At",
                table: "ConsentChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_ContactId_At",
                table: "ConsentChanges",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactEmails_Address",
                table: "ContactEmails",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactEmails_ContactId",
                table: "ContactEmails",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactEmails_HistoryPending",
                table: "ContactEmails",
                column: "HistoryPending",
                filter: "[HistoryPending] = 1");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_At",
                table: "ContactMerges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_SurvivorId_At",
                table: "ContactMerges",
                columns: new[] { "SurvivorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt_Source",
                table: "Contacts",
                columns: new[] { "CreatedAt", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_FirstConnectAt_TouchesBeforeConnect",
                table: "Contacts",
                columns: new[] { "FirstConnectAt", "TouchesBeforeConnect" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastTouchAt",
                table: "Contacts",
                column: "LastTouchAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_NameKey",
                table: "Contacts",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_NextFollowUpDue",
                table: "Contacts",
                column: "NextFollowUpDue");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Owner_QuietSince",
                table: "Contacts",
                columns: new[] { "OwnerId", "QuietSince", "Id", "Stage", "Unsubscribed", "NextFollowUpDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Owner_Ripeness",
                table: "Contacts",
                columns: new[] { "OwnerId", "Stage", "Unsubscribed", "LastTouchAt", "CreatedAt", "NextFollowUpDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId_CreatedAt_Source",
                table: "Contacts",
                columns: new[] { "OwnerId", "CreatedAt", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId_Id",
                table: "Contacts",
                columns: new[] { "OwnerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OwnerId_NextFollowUpDue",
                table: "Contacts",
                columns: new[] { "OwnerId", "NextFollowUpDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PhoneKey",
                table: "Contacts",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Stage_Id",
                table: "Contacts",
                columns: new[] { "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CompletedByRepId_CompletedAt",
                table: "FollowUps",
                columns: new[] { "CompletedByRepId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ContactId_CreatedAt",
                table: "FollowUps",
                columns: new[] { "ContactId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ContactId_DueAt_CompletedAt_ClosedAt",
                table: "FollowUps",
                columns: new[] { "ContactId", "DueAt", "CompletedAt", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_OpenPerContact",
                table: "FollowUps",
                column: "ContactId",
                unique: true,
                filter: "[CompletedAt] IS NULL AND [ClosedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HandOverRequests_ContactId_Status",
                table: "HandOverRequests",
                columns: new[] { "ContactId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HandOverRequests_Status_RequestedAt",
                table: "HandOverRequests",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HistoryFetches_ContactEmailId_RepId_Kind",
                table: "HistoryFetches",
                columns: new[] { "ContactEmailId", "RepId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HistoryFetches_RepId_CompletedAt",
                table: "HistoryFetches",
                columns: new[] { "RepId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRowBatches_ImportId_Position",
                table: "ImportRowBatches",
                columns: new[] { "ImportId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportRowErrors_ImportId_Row",
                table: "ImportRowErrors",
                columns: new[] { "ImportId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_Imports_ByRepId_Id",
                table: "Imports",
                columns: new[] { "ByRepId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Imports_Status",
                table: "Imports",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ConsentViolation_OccurredAt",
                table: "Interactions",
                columns: new[] { "ConsentViolation", "OccurredAt" },
                filter: "[ConsentViolation] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ContactId_NaturalKey",
                table: "Interactions",
                columns: new[] { "ContactId", "NaturalKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ContactId_OccurredAt_Id_Direction_IsConnect_Channel_Outcome",
                table: "Interactions",
                columns: new[] { "ContactId", "OccurredAt", "Id", "Direction", "IsConnect", "Channel", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt_RepId_Channel_Direction_Origin_ContactId",
                table: "Interactions",
                columns: new[] { "OccurredAt", "RepId", "Channel", "Direction", "Origin", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Rep_ConsentViolation",
                table: "Interactions",
                columns: new[] { "RepId", "ConsentViolation" },
                filter: "[ConsentViolation] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_Rep_OpenMeetingEnds",
                table: "Interactions",
                columns: new[] { "RepId", "EndsAt" },
                filter: "[Outcome] IS NULL AND [EndsAt] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_RepId_OccurredAt_Channel_Direction_Origin_ContactId",
                table: "Interactions",
                columns: new[] { "RepId", "OccurredAt", "Channel", "Direction", "Origin", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_LeaseExpiresAt_LastAttemptAt",
                table: "MailboxSyncs",
                columns: new[] { "LeaseExpiresAt", "LastAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_NudgedAt",
                table: "MailboxSyncs",
                column: "NudgedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MailboxSyncs_RepId_Stream_FolderId",
                table: "MailboxSyncs",
                columns: new[] { "RepId", "Stream", "FolderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailSubscriptions_GraphSubscriptionId",
                table: "MailSubscriptions",
                column: "GraphSubscriptionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailSubscriptions_RepId_Resource",
                table: "MailSubscriptions",
                columns: new[] { "RepId", "Resource" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OwnerAssignments_ContactId_At",
                table: "OwnerAssignments",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnerAssignments_ToRepId_At",
                table: "OwnerAssignments",
                columns: new[] { "ToRepId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RepGroupMembers_RepId",
                table: "RepGroupMembers",
                column: "RepId");

            migrationBuilder.CreateIndex(
                name: "IX_RepGroups_Name",
                table: "RepGroups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reps_Email",
                table: "Reps",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reps_EntraObjectId",
                table: "Reps",
                column: "EntraObjectId",
                unique: true,
                filter: "[EntraObjectId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_ContactId_At",
                table: "StageChanges",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_ContactId_To_At",
                table: "StageChanges",
                columns: new[] { "ContactId", "To", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_From_To_At_ContactId_FromEnteredAt",
                table: "StageChanges",
                columns: new[] { "From", "To", "At", "ContactId", "FromEnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_To_At",
                table: "StageChanges",
                columns: new[] { "To", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_At",
                table: "TouchRevisions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_ByRepId",
                table: "TouchRevisions",
                column: "ByRepId");

            migrationBuilder.CreateIndex(
                name: "IX_TouchRevisions_ContactId_At",
                table: "TouchRevisions",
                columns: new[] { "ContactId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TouchTallies_Covering",
                table: "TouchTallies",
                columns: new[] { "Span", "Start", "RepKey", "Channel", "Direction", "AutoLogged", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppliedScoringRules");

            migrationBuilder.DropTable(
                name: "AssignmentRules");

            migrationBuilder.DropTable(
                name: "ConsentChanges");

            migrationBuilder.DropTable(
                name: "ContactMerges");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "HandOverRequests");

            migrationBuilder.DropTable(
                name: "HistoryFetches");

            migrationBuilder.DropTable(
                name: "ImportRowBatches");

            migrationBuilder.DropTable(
                name: "ImportRowErrors");

            migrationBuilder.DropTable(
                name: "Interactions");

            migrationBuilder.DropTable(
                name: "MailboxSyncs");

            migrationBuilder.DropTable(
                name: "MailSubscriptions");

            migrationBuilder.DropTable(
                name: "OwnerAssignments");

            migrationBuilder.DropTable(
                name: "RepGroupMembers");

            migrationBuilder.DropTable(
                name: "StageChanges");

            migrationBuilder.DropTable(
                name: "TouchRevisions");

            migrationBuilder.DropTable(
                name: "TouchTallies");

            migrationBuilder.DropTable(
                name: "ContactEmails");

            migrationBuilder.DropTable(
                name: "Imports");

            migrationBuilder.DropTable(
                name: "RepGroups");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "Reps");
        }
    }
}
