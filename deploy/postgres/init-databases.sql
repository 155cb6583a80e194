-- One database per service: each service is the only writer of its tables.
CREATE DATABASE liaison_organizations;
CREATE DATABASE liaison_dialogues;
CREATE DATABASE liaison_notifications;
